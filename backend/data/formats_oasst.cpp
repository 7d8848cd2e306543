// OpenAssistant Conversations (oasst1 / oasst2) exports, in the layouts the
// project publishes (LAION-AI/Open-Assistant oasst-data/README.md, schemas in
// oasst_data/schemas.py) and the Hugging Face copies use:
// - message trees, one per line: {"message_tree_id", "tree_state", "prompt":
//   message}, each message {"message_id", "text", "role": "prompter" |
//   "assistant", "lang", "rank", "deleted", "synthetic", "review_result",
//   "replies": [...]} (the *.trees.jsonl files);
// - flat messages, one per line, linked by "parent_id" (null for a prompt):
//   the *.messages.jsonl files and the Hugging Face parquet tables saved as
//   JSON lines, columns message_id, parent_id, text, role, lang, rank,
//   deleted, synthetic, review_result, message_tree_id, tree_state, ...;
// - conversation threads {"thread_id", "thread": [messages]}.
// A line's keys say which; a file may mix them.
//
// Which messages are read follows the project's own SFT loader
// (model/model_training/custom_datasets/oasst_dataset.py, load_oasst_export):
// - a tree whose "tree_state" is there and is not "ready_for_export" (null
//   included) is left out; for flat messages the prompt's row says it (as
//   oasst_data/reader.py rebuilds trees from the Hugging Face rows). Threads
//   carry no state and are read.
// - a tree whose prompt has a "review_result" that is not true (false, or
//   null: not reviewed) is left out;
// - a message that is "deleted" or "synthetic" (written by a model) is left
//   out with everything below it.
// Where this differs from that loader: a message without the field at all
// (the minimal layout of the README) is not filtered by it, where the loader
// would read a missing review_result or tree_state as failing; a reply whose
// own review_result is false (spam) is left out with its replies, which the
// loader does not check below the prompt; and a path through a left-out
// message is cut above it (kept when it still ends at an answer) where the
// loader drops the whole path. ReadOptions::language is optional here (the
// loader keeps "en" unless told otherwise).
//
// A tree becomes conversations along its paths. Best: from the prompt, at
// each step the reply with the lowest rank (0 is the best; the first reply
// when none is ranked), down to a leaf. All: every path from the prompt to a
// leaf (the loader's SFT mode without top_k). A path ends at its last
// assistant message (a prompter message left without an answer is cut) and
// paths cut to the same end are one record. ReadOptions::language keeps the
// trees whose prompt has that "lang".

#include "data/formats_internal.h"

#include "core/json.h"
#include "data/conversation.h"

#include <map>
#include <unordered_set>

namespace sft::detail {

namespace {

struct Node
{
    std::string text;
    std::string role;  ///< "user" (prompter) or "assistant"
    std::string lang;
    double rank = 0;
    bool ranked = false;
    bool skipped = false;  ///< deleted, synthetic or failed review: left out with its replies
    bool reviewed = true;  ///< review_result absent or true (a prompt without it being true drops its tree)
    bool treeReady = true; ///< its tree's tree_state absent or "ready_for_export" (read for prompts)
    std::vector<std::size_t> replies;
};

// One prompt and where it was read, for the order of the records.
struct Root
{
    std::size_t node;
    std::int64_t record;
};

std::string sub(const std::string &prefix, const std::string &name)
{
    return prefix.empty() ? name : prefix + "." + name;
}

bool optionalBool(const json &m, const char *name, const Error::Location &at, bool fallback)
{
    const auto it = m.find(name);
    if (it == m.end() || it->is_null())
        return fallback;
    if (!it->is_boolean())
        throw Error("expected true or false, found " + typeName(*it), {at.file, at.line, 0, at.record, sub(at.field, name)});
    return it->get<bool>();
}

// The fields every layout gives a message; at.field is the message's own path ("prompt.replies[1]", or "").
Node readMessage(const json &m, const Error::Location &at)
{
    if (!m.is_object())
        throw Error("expected a message object, found " + typeName(m), at);
    Node n;
    n.text = stringField(m, "text", true, at);
    const std::string role = stringField(m, "role", true, at);
    n.role = canonicalRole(role);
    if (n.role != "user" && n.role != "assistant")
        throw Error("unknown role \"" + role + "\" (expected prompter or assistant)",
                    {at.file, at.line, 0, at.record, sub(at.field, "role")});
    n.lang = stringField(m, "lang", false, at);
    if (const auto rank = m.find("rank"); rank != m.end() && !rank->is_null()) {
        if (!rank->is_number())
            throw Error("expected a number, found " + typeName(*rank), {at.file, at.line, 0, at.record, sub(at.field, "rank")});
        n.rank = rank->get<double>();
        n.ranked = true;
    }
    n.skipped = optionalBool(m, "deleted", at, false) || optionalBool(m, "synthetic", at, false)
                || !optionalBool(m, "review_result", at, true);
    n.reviewed = !m.contains("review_result") || optionalBool(m, "review_result", at, false);
    return n;
}

// False when obj has a "tree_state" other than "ready_for_export" (null counts as not ready).
bool treeReady(const json &obj, const Error::Location &at)
{
    const auto it = obj.find("tree_state");
    if (it == obj.end())
        return true;
    if (it->is_null())
        return false;
    if (!it->is_string())
        throw Error("expected a string, found " + typeName(*it), {at.file, at.line, 0, at.record, sub(at.field, "tree_state")});
    return it->get<std::string>() == "ready_for_export";
}

void checkReply(const Node &parent, const Node &reply, const Error::Location &at)
{
    if (parent.role == reply.role)
        throw Error(std::string("a reply to ") + (parent.role == "user" ? "a prompter" : "an assistant")
                        + " message must come from the " + (parent.role == "user" ? "assistant" : "prompter"),
                    {at.file, at.line, 0, at.record, sub(at.field, "role")});
}

bool sameLanguage(const std::string &a, const std::string &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

class Forest
{
public:
    std::vector<Node> nodes;
    std::vector<Root> roots;

    // A tree line: the prompt and its replies, depth first (an explicit stack: trees may be deep).
    void addTree(const json &obj, const Error::Location &at)
    {
        const auto prompt = obj.find("prompt");
        if (prompt == obj.end() || prompt->is_null())
            return;  // a tree without its prompt (schemas.py allows it): nothing to read
        struct Item { const json *message; std::size_t parent; std::string field; };
        std::vector<Item> stack{{&*prompt, SIZE_MAX, "prompt"}};
        std::size_t root = SIZE_MAX;
        while (!stack.empty()) {
            Item item = std::move(stack.back());
            stack.pop_back();
            Error::Location mat = at;
            mat.field = item.field;
            Node n = readMessage(*item.message, mat);
            if (item.parent != SIZE_MAX)
                checkReply(nodes[item.parent], n, mat);
            const std::size_t index = nodes.size();
            nodes.push_back(std::move(n));
            if (item.parent == SIZE_MAX)
                root = index;
            else
                nodes[item.parent].replies.push_back(index);
            const auto replies = item.message->find("replies");
            if (replies == item.message->end() || replies->is_null())
                continue;
            if (!replies->is_array())
                throw Error("expected an array of messages, found " + typeName(*replies),
                            {at.file, at.line, 0, at.record, sub(item.field, "replies")});
            // Reversed onto the stack so that the replies are taken, and listed, in file order.
            for (std::size_t k = replies->size(); k-- > 0;)
                stack.push_back({&(*replies)[k], index, sub(item.field, "replies") + "[" + std::to_string(k) + "]"});
        }
        Error::Location rat = at;
        rat.field = "prompt";
        addRoot(root, rat);
        nodes[root].treeReady = treeReady(obj, at);
    }

    // A thread line: its messages, each the reply to the one before.
    void addThread(const json &obj, const Error::Location &at)
    {
        const auto thread = obj.find("thread");
        if (!thread->is_array())
            throw Error("expected an array of messages, found " + typeName(*thread), {at.file, at.line, 0, at.record, "thread"});
        std::size_t previous = SIZE_MAX;
        for (std::size_t k = 0; k < thread->size(); ++k) {
            Error::Location mat = at;
            mat.field = "thread[" + std::to_string(k) + "]";
            Node n = readMessage((*thread)[k], mat);
            if (previous != SIZE_MAX)
                checkReply(nodes[previous], n, mat);
            const std::size_t index = nodes.size();
            nodes.push_back(std::move(n));
            if (previous == SIZE_MAX)
                addRoot(index, mat);
            else
                nodes[previous].replies.push_back(index);
            previous = index;
        }
    }

    // A flat message line; linked to its parent by link() once every line is read.
    void addMessage(const json &obj, const Error::Location &at)
    {
        const std::string id = stringField(obj, "message_id", true, at);
        const std::string parent = stringField(obj, "parent_id", false, at);
        if (!m_ids.emplace(id, nodes.size()).second)
            throw Error("message \"" + id + "\" appears twice", {at.file, at.line, 0, at.record, "message_id"});
        nodes.push_back(readMessage(obj, at));
        nodes.back().treeReady = treeReady(obj, at);
        m_flat.push_back({nodes.size() - 1, parent, at});
    }

    /** Link the flat messages (parents may come after their replies); line(at) fills in a missing line. */
    void link(const std::function<Error::Location(Error::Location)> &line)
    {
        for (const Flat &f : m_flat) {
            if (f.parent.empty()) {
                addRoot(f.node, f.at);
                continue;
            }
            const auto it = m_ids.find(f.parent);
            if (it == m_ids.end())
                throw Error("parent message \"" + f.parent + "\" is not in the file (a flat export must hold whole trees)",
                            line({f.at.file, f.at.line, 0, f.at.record, "parent_id"}));
            checkReply(nodes[it->second], nodes[f.node], line(f.at));
            nodes[it->second].replies.push_back(f.node);
        }
        // Every message hangs below a prompt unless parent_ids loop.
        std::vector<bool> reached(nodes.size(), false);
        std::vector<std::size_t> stack;
        for (const Root &r : roots)
            stack.push_back(r.node);
        while (!stack.empty()) {
            const std::size_t n = stack.back();
            stack.pop_back();
            reached[n] = true;
            stack.insert(stack.end(), nodes[n].replies.begin(), nodes[n].replies.end());
        }
        for (const Flat &f : m_flat)
            if (!reached[f.node])
                throw Error("the message's parent_id chain never reaches a prompt (it loops)",
                            line({f.at.file, f.at.line, 0, f.at.record, "parent_id"}));
    }

private:
    struct Flat { std::size_t node; std::string parent; Error::Location at; };
    std::map<std::string, std::size_t> m_ids;
    std::vector<Flat> m_flat;

    void addRoot(std::size_t node, const Error::Location &at)
    {
        if (nodes[node].role != "user")
            throw Error("a message tree must start with a prompter message",
                        {at.file, at.line, 0, at.record, sub(at.field, "role")});
        roots.push_back({node, at.record});
    }
};

// The path cut at its last assistant message; empty when that leaves no user-assistant exchange.
std::vector<std::size_t> endAtAssistant(std::vector<std::size_t> path, const std::vector<Node> &nodes)
{
    while (!path.empty() && nodes[path.back()].role != "assistant")
        path.pop_back();
    if (path.size() < 2)
        path.clear();
    return path;
}

std::vector<std::size_t> bestPath(const std::vector<Node> &nodes, std::size_t root)
{
    std::vector<std::size_t> path{root};
    for (std::size_t cur = root;;) {
        std::size_t best = SIZE_MAX;
        for (const std::size_t c : nodes[cur].replies) {
            if (nodes[c].skipped)
                continue;
            if (best == SIZE_MAX || (nodes[c].ranked && (!nodes[best].ranked || nodes[c].rank < nodes[best].rank)))
                best = c;
        }
        if (best == SIZE_MAX)
            break;
        path.push_back(best);
        cur = best;
    }
    return endAtAssistant(std::move(path), nodes);
}

std::vector<std::vector<std::size_t>> allPaths(const std::vector<Node> &nodes, std::size_t root)
{
    std::vector<std::vector<std::size_t>> out;
    std::unordered_set<std::size_t> ends;  // a cut path is known by its last message
    std::vector<std::size_t> path;
    std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};  // node, depth
    while (!stack.empty()) {
        const auto [node, depth] = stack.back();
        stack.pop_back();
        path.resize(depth);
        path.push_back(node);
        bool leaf = true;
        const auto &replies = nodes[node].replies;
        for (std::size_t k = replies.size(); k-- > 0;) {
            if (nodes[replies[k]].skipped)
                continue;
            stack.push_back({replies[k], depth + 1});
            leaf = false;
        }
        if (!leaf)
            continue;
        std::vector<std::size_t> cut = endAtAssistant(path, nodes);
        if (!cut.empty() && ends.insert(cut.back()).second)
            out.push_back(std::move(cut));
    }
    return out;
}

} // namespace

std::vector<Record> parseOasst(const std::string &text, const std::string &path, const ReadOptions &options,
                               const ProgressFn &progress)
{
    Forest forest;
    forEachElement(text, path, Container::Either, "messages or message trees", progress,
                   [&](const json &obj, const Error::Location &at) {
        if (!obj.is_object())
            throw Error("expected a message tree or a message object, found " + typeName(obj), at);
        if (obj.contains("prompt") || (obj.contains("message_tree_id") && !obj.contains("message_id")))
            forest.addTree(obj, at);
        else if (obj.contains("thread"))
            forest.addThread(obj, at);
        else if (obj.contains("message_id"))
            forest.addMessage(obj, at);
        else
            throw Error("neither a message tree (\"prompt\") nor a message (\"message_id\")", at);
    });
    const bool array = startsWithArray(text);
    forest.link([&](Error::Location at) {
        if (array && at.line == 0 && at.record >= 0)
            at.line = arrayElementLine(text, at.record);
        return at;
    });

    // Trees in the order their prompts appear in the file.
    std::stable_sort(forest.roots.begin(), forest.roots.end(),
                     [](const Root &a, const Root &b) { return a.record < b.record; });
    std::vector<Record> out;
    for (const Root &root : forest.roots) {
        const Node &prompt = forest.nodes[root.node];
        if (prompt.skipped || !prompt.reviewed || !prompt.treeReady
            || (!options.language.empty() && !sameLanguage(prompt.lang, options.language)))
            continue;
        std::vector<std::vector<std::size_t>> paths;
        if (options.oasstPaths == OasstPaths::Best) {
            auto best = bestPath(forest.nodes, root.node);
            if (!best.empty())
                paths.push_back(std::move(best));
        } else {
            paths = allPaths(forest.nodes, root.node);
        }
        for (const auto &p : paths) {
            std::vector<ChatMessage> turns;
            turns.reserve(p.size());
            for (const std::size_t n : p)
                turns.push_back({forest.nodes[n].role, forest.nodes[n].text});
            Record r;
            setTurns(r, std::move(turns));
            r.source = path;
            out.push_back(std::move(r));
        }
    }
    return out;
}

} // namespace sft::detail
