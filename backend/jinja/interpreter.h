#pragma once
// The tree-walking interpreter: scopes as jinja2 has them (a for-loop body,
// a macro call, {% with %} and {% set %}-blocks get their own; {% if %} does
// not), the loop object, macros and callers, undefined values, and the
// limits that make an untrusted template fail instead of hanging: steps
// (statements, expressions, loop iterations and the elements filters touch),
// recursion depth and output size.

#include "jinja/ast.h"
#include "jinja/template.h"

#include <memory>
#include <string>

namespace sft::jinja::detail {

struct Scope;
using ScopePtr = std::shared_ptr<Scope>;

/** Variables of one scope; lookups go on to the parent. */
struct Scope
{
    explicit Scope(ScopePtr p = nullptr) : parent(std::move(p)) {}
    ScopePtr parent;
    std::vector<std::pair<std::string, Value>> vars;
    const Value *find(const std::string &name) const;
    void set(const std::string &name, Value value);
};

class Interpreter
{
public:
    Interpreter(const Program &program, const Template::Limits &limits);
    /** Breaks the reference cycles a render may leave (a macro in the scope it closes over, a namespace holding itself). */
    ~Interpreter();
    Interpreter(const Interpreter &) = delete;
    Interpreter &operator=(const Interpreter &) = delete;

    /** Render with the top-level variables (a dict). Throws RenderError. */
    std::string render(const Value &variables);

    // ---- services for filters, tests, methods and callables ----------------------
    Value callValue(const Value &callee, CallValues &args);
    Value applyFilter(const std::string &name, const Value &operand, CallValues &args);
    bool applyTest(const std::string &name, const Value &operand, CallValues &args);
    /** obj.name as the sandbox does it: a method, else the item. */
    Value getAttr(const Value &obj, const std::string &name);
    /** obj[key]: the item, else a method of that name, else undefined. */
    Value getItem(const Value &obj, const Value &key);
    /** Count work against the step limit. */
    void charge(std::size_t steps);
    std::size_t maxBytes() const { return m_limits.maxOutputBytes; }
    /** Remembers a namespace or a captured scope, to be cleared when the render ends. */
    void track(const Value &ns) { m_namespaces.push_back(ns); }
    void track(const ScopePtr &scope) { m_captured.push_back(scope); }

    Value invokeMacro(const MacroStmt &macro, const ScopePtr &closure, CallValues &args);
    /** loop(items) of a recursive for-loop: the nested loop's output. */
    std::string recurseLoop(const ForStmt &loop, const ScopePtr &scope, const Value &items, int depth);

private:
    enum class Flow { Normal, Break, Continue };

    Flow exec(const Body &body, const ScopePtr &scope);
    Flow execStmt(const Stmt &stmt, const ScopePtr &scope);
    Flow execFor(const ForStmt &s, const ScopePtr &scope, ValueList items, int depth);
    void assign(const Target &target, const Value &value, const ScopePtr &scope);
    /** The output of body; flow gets a break / continue that leaves it (a set or filter block in a loop). */
    std::string capture(const Body &body, const ScopePtr &scope, Flow *flow = nullptr);

    Value eval(const Expr &e, const ScopePtr &scope);
    Value evalNode(const Expr &e, const ScopePtr &scope);
    Value evalFilterChain(const Expr &e, const ScopePtr &scope, const Value &blockValue);
    Value evalSlice(const SliceExpr &e, const ScopePtr &scope);
    Value evalCompare(const CompareExpr &e, const ScopePtr &scope);
    CallValues evalArgs(const CallArgs &args, const ScopePtr &scope);
    Value lookup(const std::string &name, const ScopePtr &scope) const;
    void write(std::string_view s);

    /** Counts recursion (expressions, bodies, calls) against the depth limit. */
    struct Depth
    {
        explicit Depth(Interpreter &in);
        ~Depth() { --in.m_depth; }
        Interpreter &in;
    };

    const Program &m_program;
    Template::Limits m_limits;
    std::string *m_out = nullptr;
    std::uint64_t m_steps = 0;
    int m_depth = 0;
    ScopePtr m_globals;
    std::vector<ScopePtr> m_captured;
    std::vector<Value> m_namespaces;
};

} // namespace sft::jinja::detail
