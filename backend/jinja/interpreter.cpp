// Statements and expressions: executing a Program against variables.

#include "jinja/interpreter.h"

#include "jinja/builtins.h"
#include "jinja/text.h"

#include <algorithm>
#include <cstdint>

namespace sft::jinja::detail {

const Value *Scope::find(const std::string &name) const
{
    for (const Scope *s = this; s; s = s->parent.get())
        for (const auto &kv : s->vars)
            if (kv.first == name)
                return &kv.second;
    return nullptr;
}

void Scope::set(const std::string &name, Value value)
{
    for (auto &kv : vars)
        if (kv.first == name) {
            kv.second = std::move(value);
            return;
        }
    vars.emplace_back(name, std::move(value));
}

namespace {

/** A macro bound to the scope it was defined in. */
class MacroValue : public Callable
{
public:
    MacroValue(const MacroStmt &m, ScopePtr closure) : m_macro(m), m_closure(std::move(closure)) {}
    Value call(Interpreter &in, CallValues &args) override { return in.invokeMacro(m_macro, m_closure, args); }
    std::string repr() const override { return "<Macro '" + m_macro.name + "'>"; }
    Value attribute(const std::string &name) const override
    {
        if (name == "name")
            return Value::string(m_macro.name);
        if (name == "arguments") {
            ValueList names;
            for (const auto &n : m_macro.params.names)
                names.push_back(Value::string(n));
            return Value::list(std::move(names), true);
        }
        return Callable::attribute(name);
    }

private:
    const MacroStmt &m_macro;
    ScopePtr m_closure;
};

/** The `loop` variable of a for-loop; callable when the loop is recursive. */
class LoopObject : public Callable, public std::enable_shared_from_this<LoopObject>
{
public:
    LoopObject(std::shared_ptr<const ValueList> items, int depth, const ForStmt &stmt, ScopePtr scope)
        : m_itemsPtr(std::move(items)), m_items(*m_itemsPtr), m_depth(depth), m_stmt(stmt), m_scope(std::move(scope)) {}
    std::size_t index = 0;

    Value attribute(const std::string &name) const override
    {
        const auto n = static_cast<std::int64_t>(m_items.size());
        const auto i = static_cast<std::int64_t>(index);
        if (name == "index")
            return Value::integer(i + 1);
        if (name == "index0")
            return Value::integer(i);
        if (name == "revindex")
            return Value::integer(n - i);
        if (name == "revindex0")
            return Value::integer(n - i - 1);
        if (name == "first")
            return Value::boolean(i == 0);
        if (name == "last")
            return Value::boolean(i == n - 1);
        if (name == "length")
            return Value::integer(n);
        if (name == "depth")
            return Value::integer(m_depth + 1);
        if (name == "depth0")
            return Value::integer(m_depth);
        if (name == "previtem")
            return i > 0 ? m_items[index - 1] : Value::undefined("there is no previous item");
        if (name == "nextitem")
            return i + 1 < n ? m_items[index + 1] : Value::undefined("there is no next item");
        if (name == "cycle" || name == "changed")
            return Value::callable(std::make_shared<LoopMethod>(
                std::const_pointer_cast<LoopObject>(shared_from_this()), name));
        return Value::undefined("'LoopContext object' has no attribute '" + name + "'");
    }

    Value call(Interpreter &in, CallValues &args) override
    {
        if (!m_stmt.recursive)
            fail("The loop must have the 'recursive' marker to be called recursively.");
        Args a("loop", args, {"iterable"});
        return Value::string(in.recurseLoop(m_stmt, m_scope, a.get(0), m_depth + 1));
    }
    std::string repr() const override { return "<LoopContext " + std::to_string(index + 1) + "/" +
                                               std::to_string(m_items.size()) + ">"; }

private:
    class LoopMethod : public Callable
    {
    public:
        LoopMethod(std::shared_ptr<LoopObject> loop, std::string name) : m_loop(std::move(loop)), m_name(std::move(name)) {}
        Value call(Interpreter &, CallValues &args) override
        {
            if (!args.keyword.empty())
                fail("loop." + m_name + "() takes no keyword arguments");
            if (m_name == "cycle") {
                if (args.positional.empty())
                    fail("no items for cycling given");
                return args.positional[m_loop->index % args.positional.size()];
            }
            Value current = Value::list(args.positional);
            const bool changed = !m_loop->m_hasLast || !equals(current, m_loop->m_last);
            m_loop->m_last = current;
            m_loop->m_hasLast = true;
            return Value::boolean(changed);
        }
        std::string repr() const override { return "<bound method LoopContext." + m_name + ">"; }

    private:
        std::shared_ptr<LoopObject> m_loop;
        std::string m_name;
    };

    std::shared_ptr<const ValueList> m_itemsPtr;
    const ValueList &m_items;
    int m_depth;
    const ForStmt &m_stmt;
    ScopePtr m_scope;
    Value m_last;
    bool m_hasLast = false;
};

} // namespace

Interpreter::Depth::Depth(Interpreter &i) : in(i)
{
    if (++in.m_depth > in.m_limits.maxDepth) {
        --in.m_depth;
        fail("maximum recursion depth exceeded (" + std::to_string(in.m_limits.maxDepth) + ")");
    }
}

Interpreter::Interpreter(const Program &program, const Template::Limits &limits)
    : m_program(program), m_limits(limits), m_globals(std::make_shared<Scope>())
{
    m_globals->vars = globalValues();
}

Interpreter::~Interpreter()
{
    for (const ScopePtr &s : m_captured)
        s->vars.clear();
    for (const Value &ns : m_namespaces)
        ns.nsDict() = ValueDict();
}

void Interpreter::charge(std::size_t steps)
{
    // Saturating: a huge charge (a size from the template) must not wrap the counter.
    m_steps = steps > m_limits.maxSteps - std::min<std::uint64_t>(m_steps, m_limits.maxSteps) ? m_limits.maxSteps + 1
                                                                                               : m_steps + steps;
    if (m_steps > m_limits.maxSteps)
        fail("the template ran too long (more than " + std::to_string(m_limits.maxSteps) + " steps)");
}

ValueList iterate(Interpreter &in, const Value &v)
{
    // A string becomes one value per character: charge its length before
    // allocating them, so iterating a huge string fails instead of eating memory.
    if (v.isString())
        in.charge(v.str().size());
    return iterate(v);
}

void Interpreter::write(std::string_view s) { appendBounded(*m_out, s, m_limits.maxOutputBytes); }

std::string Interpreter::render(const Value &variables)
{
    auto root = std::make_shared<Scope>(m_globals);
    if (variables.isDict())
        for (const auto &kv : variables.dict().items)
            if (kv.first.isString())
                root->set(kv.first.str(), kv.second);
    std::string out;
    m_out = &out;
    exec(m_program.body, root);
    return out;
}

// ---- statements --------------------------------------------------------------

Interpreter::Flow Interpreter::exec(const Body &body, const ScopePtr &scope)
{
    Depth depth(*this);
    for (const StmtPtr &s : body) {
        const Flow f = execStmt(*s, scope);
        if (f != Flow::Normal)
            return f;
    }
    return Flow::Normal;
}

std::string Interpreter::capture(const Body &body, const ScopePtr &scope, Flow *flow)
{
    std::string buffer;
    std::string *saved = m_out;
    m_out = &buffer;
    try {
        const Flow f = exec(body, scope);
        if (flow)
            *flow = f;
    } catch (...) {
        m_out = saved;
        throw;
    }
    m_out = saved;
    return buffer;
}

void Interpreter::assign(const Target &target, const Value &value, const ScopePtr &scope)
{
    switch (target.kind) {
    case Target::Kind::Name:
        scope->set(target.name, value);
        return;
    case Target::Kind::NamespaceAttr: {
        const Value ns = lookup(target.name, scope);
        if (!ns.isNamespace())
            throw RenderError("cannot assign attribute on non-namespace object", target.pos);
        ns.nsDict().set(Value::string(target.attr), value);
        return;
    }
    case Target::Kind::Tuple: {
        const ValueList items = iterate(*this, value);
        if (items.size() < target.items.size())
            throw RenderError("not enough values to unpack (expected " + std::to_string(target.items.size()) +
                                  ", got " + std::to_string(items.size()) + ")",
                              target.pos);
        if (items.size() > target.items.size())
            throw RenderError("too many values to unpack (expected " + std::to_string(target.items.size()) + ")",
                              target.pos);
        for (std::size_t i = 0; i < items.size(); ++i)
            assign(target.items[i], items[i], scope);
        return;
    }
    }
}

Interpreter::Flow Interpreter::execStmt(const Stmt &stmt, const ScopePtr &scope)
{
    charge(1);
    try {
        switch (stmt.kind) {
        case StmtKind::Output:
            write(static_cast<const OutputStmt &>(stmt).text);
            return Flow::Normal;
        case StmtKind::Print: {
            const Value v = eval(*static_cast<const PrintStmt &>(stmt).expr, scope);
            write(toStr(v, m_limits.maxOutputBytes));
            return Flow::Normal;
        }
        case StmtKind::If: {
            const auto &s = static_cast<const IfStmt &>(stmt);
            for (const auto &branch : s.branches)
                if (truthy(eval(*branch.first, scope)))
                    return exec(branch.second, scope);
            return exec(s.otherwise, scope);
        }
        case StmtKind::For: {
            const auto &s = static_cast<const ForStmt &>(stmt);
            return execFor(s, scope, iterate(*this, eval(*s.iter, scope)), 0);
        }
        case StmtKind::Set: {
            const auto &s = static_cast<const SetStmt &>(stmt);
            assign(s.target, eval(*s.value, scope), scope);
            return Flow::Normal;
        }
        case StmtKind::SetBlock: {
            const auto &s = static_cast<const SetBlockStmt &>(stmt);
            Flow flow = Flow::Normal;
            Value v = Value::string(capture(s.body, std::make_shared<Scope>(scope), &flow));
            if (flow != Flow::Normal)
                return flow;
            if (s.filter)
                v = evalFilterChain(*s.filter, scope, v);
            assign(s.target, v, scope);
            return Flow::Normal;
        }
        case StmtKind::Macro: {
            const auto &s = static_cast<const MacroStmt &>(stmt);
            track(scope);
            scope->set(s.name, Value::callable(std::make_shared<MacroValue>(s, scope)));
            return Flow::Normal;
        }
        case StmtKind::CallBlock: {
            const auto &s = static_cast<const CallBlockStmt &>(stmt);
            const auto &call = static_cast<const CallExpr &>(*s.call);
            const Value callee = eval(*call.callee, scope);
            CallValues args = evalArgs(call.args, scope);
            track(scope);
            args.keyword.emplace_back("caller", Value::callable(std::make_shared<MacroValue>(s.caller, scope)));
            write(toStr(callValue(callee, args), m_limits.maxOutputBytes));
            return Flow::Normal;
        }
        case StmtKind::FilterBlock: {
            const auto &s = static_cast<const FilterBlockStmt &>(stmt);
            Flow flow = Flow::Normal;
            const Value body = Value::string(capture(s.body, std::make_shared<Scope>(scope), &flow));
            if (flow != Flow::Normal)
                return flow;
            write(toStr(evalFilterChain(*s.filter, scope, body), m_limits.maxOutputBytes));
            return Flow::Normal;
        }
        case StmtKind::With: {
            const auto &s = static_cast<const WithStmt &>(stmt);
            auto inner = std::make_shared<Scope>(scope);
            for (const auto &a : s.assignments)
                assign(a.first, eval(*a.second, scope), inner);
            return exec(s.body, inner);
        }
        case StmtKind::Scope:
            return exec(static_cast<const ScopeStmt &>(stmt).body, std::make_shared<Scope>(scope));
        case StmtKind::Break:
            return Flow::Break;
        case StmtKind::Continue:
            return Flow::Continue;
        }
    } catch (RenderError &e) {
        if (e.pos.line == 0)
            e.pos = stmt.pos;
        throw;
    }
    return Flow::Normal;
}

Interpreter::Flow Interpreter::execFor(const ForStmt &s, const ScopePtr &scope, ValueList items, int depth)
{
    if (s.filter) {
        ValueList kept;
        for (const Value &item : items) {
            charge(1);
            auto probe = std::make_shared<Scope>(scope);
            assign(s.target, item, probe);
            if (truthy(eval(*s.filter, probe)))
                kept.push_back(item);
        }
        items.swap(kept);
    }
    if (items.empty()) {
        exec(s.otherwise, std::make_shared<Scope>(scope));
        return Flow::Normal;
    }
    auto shared = std::make_shared<const ValueList>(std::move(items));
    auto loop = std::make_shared<LoopObject>(shared, depth, s, scope);
    const Value loopValue = Value::callable(loop);
    for (std::size_t i = 0; i < shared->size(); ++i) {
        charge(1);
        loop->index = i;
        auto iteration = std::make_shared<Scope>(scope);
        iteration->set("loop", loopValue);
        assign(s.target, (*shared)[i], iteration);
        if (exec(s.body, iteration) == Flow::Break)
            break;
    }
    return Flow::Normal;
}

std::string Interpreter::recurseLoop(const ForStmt &loop, const ScopePtr &scope, const Value &items, int depth)
{
    Depth guard(*this);
    std::string buffer;
    std::string *saved = m_out;
    m_out = &buffer;
    try {
        execFor(loop, scope, iterate(*this, items), depth);
    } catch (...) {
        m_out = saved;
        throw;
    }
    m_out = saved;
    return buffer;
}

Value Interpreter::invokeMacro(const MacroStmt &macro, const ScopePtr &closure, CallValues &args)
{
    Depth guard(*this);
    auto scope = std::make_shared<Scope>(closure);
    const std::vector<std::string> &names = macro.params.names;
    std::vector<bool> given(names.size(), false);
    ValueList varargs;
    ValueDict kwargs;
    for (std::size_t i = 0; i < args.positional.size(); ++i) {
        if (i < names.size()) {
            scope->set(names[i], args.positional[i]);
            given[i] = true;
        } else if (macro.catchVarargs) {
            varargs.push_back(args.positional[i]);
        } else {
            fail("macro '" + macro.name + "' takes not more than " + std::to_string(names.size()) + " argument(s)");
        }
    }
    Value caller = Value::undefined("No caller defined");
    for (auto &kv : args.keyword) {
        const auto it = std::find(names.begin(), names.end(), kv.first);
        if (it != names.end()) {
            const std::size_t i = static_cast<std::size_t>(it - names.begin());
            if (given[i])
                fail("macro '" + macro.name + "' got multiple values for argument '" + kv.first + "'");
            scope->set(kv.first, kv.second);
            given[i] = true;
        } else if (kv.first == "caller" && macro.usesCaller) {
            caller = kv.second;
        } else if (macro.catchKwargs) {
            kwargs.set(Value::string(kv.first), kv.second);
        } else if (kv.first != "caller") {
            fail("macro '" + macro.name + "' takes no keyword argument '" + kv.first + "'");
        }
    }
    for (std::size_t i = 0; i < names.size(); ++i)
        if (!given[i])
            scope->set(names[i], macro.params.defaults[i]
                                     ? eval(*macro.params.defaults[i], scope)
                                     : Value::undefined("parameter '" + names[i] + "' was not provided"));
    if (macro.catchVarargs)
        scope->set("varargs", Value::list(std::move(varargs), true));
    if (macro.catchKwargs)
        scope->set("kwargs", Value::dict(std::move(kwargs)));
    if (macro.usesCaller)
        scope->set("caller", caller);
    return Value::string(capture(macro.body, scope));
}

// ---- expressions -------------------------------------------------------------

Value Interpreter::lookup(const std::string &name, const ScopePtr &scope) const
{
    if (const Value *v = scope->find(name))
        return *v;
    return Value::undefined("'" + name + "' is undefined");
}

Value Interpreter::eval(const Expr &e, const ScopePtr &scope)
{
    Depth depth(*this);
    charge(1);
    try {
        return evalNode(e, scope);
    } catch (RenderError &err) {
        if (err.pos.line == 0)
            err.pos = e.pos;
        throw;
    }
}

CallValues Interpreter::evalArgs(const CallArgs &args, const ScopePtr &scope)
{
    CallValues out;
    for (const auto &p : args.positional)
        out.positional.push_back(eval(*p, scope));
    if (args.starArgs)
        for (Value &v : iterate(*this, eval(*args.starArgs, scope)))
            out.positional.push_back(std::move(v));
    for (const auto &kv : args.keyword)
        out.keyword.emplace_back(kv.first, eval(*kv.second, scope));
    if (args.starKwargs) {
        const Value d = eval(*args.starKwargs, scope);
        charge(weight(d));
        if (!d.isDict())
            fail("argument after ** must be a mapping, not " + typeName(d));
        for (const auto &kv : d.dict().items) {
            if (!kv.first.isString())
                fail("keywords must be strings");
            out.keyword.emplace_back(kv.first.str(), kv.second);
        }
    }
    return out;
}

Value Interpreter::callValue(const Value &callee, CallValues &args)
{
    if (callee.isUndefined())
        failUndefinedValue(callee);
    if (!callee.isCallable() || !callee.function().isCallable())
        fail("'" + typeName(callee) + "' object is not callable");
    Depth depth(*this);
    std::size_t work = callee.function().weight();
    for (const Value &v : args.positional)
        work += weight(v);
    for (const auto &kv : args.keyword)
        work += weight(kv.second);
    charge(work);
    Value result = callee.function().call(*this, args);
    if (result.isString())
        charge(result.str().size() / 64);
    return result;
}

Value Interpreter::applyFilter(const std::string &name, const Value &operand, CallValues &args)
{
    const FilterFn f = findFilter(name);
    if (!f)
        fail("No filter named '" + name + "'.");
    // Work proportional to the data touched; length, first, default... of a list take constant time.
    static const char *const kConstantTime[] = {"length", "count", "first", "last", "default", "d",
                                                "attr", "int", "float", "abs", "round", "items"};
    const bool constant = !operand.isString() && std::any_of(std::begin(kConstantTime), std::end(kConstantTime),
                                                             [&](const char *n) { return name == n; });
    std::size_t work = constant ? 0 : weight(operand);
    for (const Value &v : args.positional)
        work += weight(v);
    charge(work);
    Value result = f(*this, operand, args);
    if (result.isString())
        charge(result.str().size() / 64);
    else if (result.isList())
        charge(result.items().size());
    return result;
}

bool Interpreter::applyTest(const std::string &name, const Value &operand, CallValues &args)
{
    const TestFn t = findTest(name);
    if (!t)
        fail("No test named '" + name + "'.");
    charge(args.positional.empty() ? 0 : weight(args.positional.front()));
    return t(*this, operand, args);
}

Value Interpreter::getAttr(const Value &obj, const std::string &name)
{
    switch (obj.kind()) {
    case Value::Kind::Undefined:
        failUndefinedValue(obj);
    case Value::Kind::Callable:
        return obj.function().attribute(name);
    case Value::Kind::Namespace:
        if (const Value *v = obj.nsDict().find(name))
            return *v;
        return missingAttribute(obj, name);
    default:
        break;
    }
    Value method = methodOf(obj, name);
    if (!method.isUndefined() || method.isUnsafe())
        return method;
    if (obj.isDict())
        if (const Value *v = obj.dict().find(name))
            return *v;
    return missingAttribute(obj, name);
}

Value Interpreter::getItem(const Value &obj, const Value &key)
{
    switch (obj.kind()) {
    case Value::Kind::Undefined:
        failUndefinedValue(obj);
    case Value::Kind::Dict:
        if (const Value *v = obj.dict().find(key))
            return *v;
        break;
    case Value::Kind::List:
        if (key.isIntegral()) {
            const auto n = static_cast<std::int64_t>(obj.items().size());
            std::int64_t i = key.intValue();
            if (i < 0)
                i += n;
            if (i >= 0 && i < n)
                return obj.items()[static_cast<std::size_t>(i)];
        }
        break;
    case Value::Kind::String:
        if (key.isIntegral()) {
            const std::u32string chars = text::decode(obj.str());
            const auto n = static_cast<std::int64_t>(chars.size());
            std::int64_t i = key.intValue();
            if (i < 0)
                i += n;
            if (i >= 0 && i < n) {
                std::string c;
                text::append(c, chars[static_cast<std::size_t>(i)]);
                return Value::string(std::move(c));
            }
        }
        break;
    default:
        break;
    }
    if (key.isString()) {
        if (obj.isNamespace() || obj.isCallable())
            return getAttr(obj, key.str());
        Value method = methodOf(obj, key.str());
        if (!method.isUndefined() || method.isUnsafe())
            return method;
        return missingAttribute(obj, key.str());
    }
    return missingElement(obj, key);
}

Value Interpreter::evalSlice(const SliceExpr &e, const ScopePtr &scope)
{
    const Value obj = eval(*e.object, scope);
    auto bound = [&](const ExprPtr &x, bool &given, bool &valid) -> std::int64_t {
        given = false;
        if (!x)
            return 0;
        const Value v = eval(*x, scope);
        if (v.isNone() || v.isUndefined())
            return 0;
        if (!v.isIntegral()) {
            valid = false;
            return 0;
        }
        given = true;
        return v.intValue();
    };
    bool valid = true, hasStart = false, hasStop = false, hasStep = false;
    const std::int64_t start0 = bound(e.start, hasStart, valid);
    const std::int64_t stop0 = bound(e.stop, hasStop, valid);
    const std::int64_t step = bound(e.step, hasStep, valid);
    if (obj.isUndefined())
        failUndefinedValue(obj);
    const std::int64_t realStep = hasStep ? step : 1;
    if (hasStep && realStep == 0)
        fail("slice step cannot be zero");
    if (!valid || !(obj.isList() || obj.isString()))
        return Value::undefined("'" + typeName(obj) + " object' cannot be sliced");
    // Python's PySlice_AdjustIndices.
    const bool isString = obj.isString();
    charge(isString ? obj.str().size() / 16 : 0);
    // ASCII strings slice as bytes; others as code points.
    const bool ascii = isString && std::all_of(obj.str().begin(), obj.str().end(),
                                               [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    std::u32string chars;
    if (isString && !ascii)
        chars = text::decode(obj.str());
    const auto len = static_cast<std::int64_t>(!isString ? obj.items().size() : ascii ? obj.str().size() : chars.size());
    auto adjust = [&](bool given, std::int64_t v, std::int64_t dflt) {
        if (!given)
            return dflt;
        if (v < 0) {
            v += len;
            if (v < 0)
                v = realStep < 0 ? -1 : 0;
        } else if (v >= len) {
            v = realStep < 0 ? len - 1 : len;
        }
        return v;
    };
    const std::int64_t start = adjust(hasStart, start0, realStep < 0 ? len - 1 : 0);
    const std::int64_t stop = adjust(hasStop, stop0, realStep < 0 ? -1 : len);
    if (isString && realStep == 1) {
        const auto b = static_cast<std::size_t>(start);
        const std::size_t n = stop > start ? static_cast<std::size_t>(stop - start) : 0;
        return Value::string(ascii ? obj.str().substr(b, n) : text::encode(std::u32string_view(chars).substr(b, n)));
    }
    std::string outBytes;
    std::u32string outChars;
    ValueList outItems;
    for (std::int64_t i = start; realStep > 0 ? i < stop : i > stop; i += realStep) {
        const auto at = static_cast<std::size_t>(i);
        if (!isString)
            outItems.push_back(obj.items()[at]);
        else if (ascii)
            outBytes += obj.str()[at];
        else
            outChars.push_back(chars[at]);
        if ((realStep > 0 && i > INT64_MAX - realStep) || (realStep < 0 && i < INT64_MIN - realStep))
            break;
    }
    charge(outItems.size());
    if (isString)
        return Value::string(ascii ? std::move(outBytes) : text::encode(outChars));
    return Value::list(std::move(outItems), obj.isTuple());
}

Value Interpreter::evalCompare(const CompareExpr &e, const ScopePtr &scope)
{
    Value left = eval(*e.first, scope);
    for (const auto &r : e.rest) {
        Value right = eval(*r.second, scope);
        charge(weight(left) + weight(right));
        if (!compare(r.first, left, right))
            return Value::boolean(false);
        left = std::move(right);
    }
    return Value::boolean(true);
}

Value Interpreter::evalFilterChain(const Expr &e, const ScopePtr &scope, const Value &blockValue)
{
    if (e.kind != ExprKind::Filter)
        return eval(e, scope);
    const auto &f = static_cast<const FilterExpr &>(e);
    const Value operand = f.operand ? evalFilterChain(*f.operand, scope, blockValue) : blockValue;
    CallValues args = evalArgs(f.args, scope);
    try {
        return applyFilter(f.name, operand, args);
    } catch (RenderError &err) {
        if (err.pos.line == 0)
            err.pos = f.pos;
        throw;
    }
}

Value Interpreter::evalNode(const Expr &e, const ScopePtr &scope)
{
    switch (e.kind) {
    case ExprKind::Const:
        return static_cast<const ConstExpr &>(e).value;
    case ExprKind::Name:
        return lookup(static_cast<const NameExpr &>(e).name, scope);
    case ExprKind::Attr: {
        const auto &a = static_cast<const AttrExpr &>(e);
        return getAttr(eval(*a.object, scope), a.name);
    }
    case ExprKind::Item: {
        const auto &i = static_cast<const ItemExpr &>(e);
        const Value obj = eval(*i.object, scope);
        charge(obj.isString() ? obj.str().size() / 16 : 0);
        return getItem(obj, eval(*i.key, scope));
    }
    case ExprKind::Slice:
        return evalSlice(static_cast<const SliceExpr &>(e), scope);
    case ExprKind::Call: {
        const auto &c = static_cast<const CallExpr &>(e);
        const Value callee = eval(*c.callee, scope);
        CallValues args = evalArgs(c.args, scope);
        return callValue(callee, args);
    }
    case ExprKind::Filter:
        return evalFilterChain(e, scope, Value());
    case ExprKind::Test: {
        const auto &t = static_cast<const TestExpr &>(e);
        const Value operand = eval(*t.operand, scope);
        CallValues args = evalArgs(t.args, scope);
        return Value::boolean(applyTest(t.name, operand, args) != t.negated);
    }
    case ExprKind::Unary: {
        const auto &u = static_cast<const UnaryExpr &>(e);
        const Value v = eval(*u.operand, scope);
        if (u.op == UnaryOp::Not)
            return Value::boolean(!truthy(v));
        return unaryOp(u.op, v);
    }
    case ExprKind::Binary: {
        const auto &b = static_cast<const BinaryExpr &>(e);
        Value left = eval(*b.left, scope);
        if (b.op == BinaryOp::And)
            return truthy(left) ? eval(*b.right, scope) : left;
        if (b.op == BinaryOp::Or)
            return truthy(left) ? left : eval(*b.right, scope);
        const Value right = eval(*b.right, scope);
        Value result = binaryOp(b.op, left, right, m_limits.maxOutputBytes);
        if (result.isString())
            charge(result.str().size() / 64);
        else if (result.isList())
            charge(result.items().size());
        return result;
    }
    case ExprKind::Compare:
        return evalCompare(static_cast<const CompareExpr &>(e), scope);
    case ExprKind::Cond: {
        const auto &c = static_cast<const CondExpr &>(e);
        if (truthy(eval(*c.test, scope)))
            return eval(*c.then, scope);
        if (c.otherwise)
            return eval(*c.otherwise, scope);
        return Value::undefined("the inline if-expression evaluated to false and no else section was defined.");
    }
    case ExprKind::List: {
        const auto &l = static_cast<const ListExpr &>(e);
        ValueList items;
        items.reserve(l.items.size());
        for (const auto &item : l.items)
            items.push_back(eval(*item, scope));
        return Value::list(std::move(items), l.tuple);
    }
    case ExprKind::Dict: {
        const auto &d = static_cast<const DictExpr &>(e);
        ValueDict dict;
        for (const auto &kv : d.items) {
            Value k = eval(*kv.first, scope);
            if (k.isList() && !k.isTuple())
                fail("unhashable type: 'list'");
            if (k.isDict() || k.isUndefined())
                fail("unhashable type: '" + typeName(k) + "'");
            if (!k.isString())   // non-string keys are found by a linear search: charge it
                charge(dict.items.size() + 1);
            dict.set(std::move(k), eval(*kv.second, scope));
        }
        return Value::dict(std::move(dict));
    }
    }
    return Value();
}

} // namespace sft::jinja::detail
