#pragma once
// The parsed form of a template: expression and statement nodes, each with
// the line and column it starts at. Built by the parser, read (never
// changed) by the interpreter, so one Program renders from many threads.

#include "jinja/value.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sft::jinja::detail {

// ---- expressions -------------------------------------------------------------

enum class ExprKind { Const, Name, Attr, Item, Slice, Call, Filter, Test, Unary, Binary, Compare, Cond, List, Dict };

struct Expr
{
    Expr(ExprKind k, Pos p) : kind(k), pos(p) {}
    virtual ~Expr() = default;
    ExprKind kind;
    Pos pos;
    int depth = 1;   ///< height of the subtree (bounded by the parser)
};
using ExprPtr = std::unique_ptr<Expr>;

struct ConstExpr : Expr
{
    ConstExpr(Pos p, Value v) : Expr(ExprKind::Const, p), value(std::move(v)) {}
    Value value;
};

struct NameExpr : Expr
{
    NameExpr(Pos p, std::string n) : Expr(ExprKind::Name, p), name(std::move(n)) {}
    std::string name;
};

/** obj.name */
struct AttrExpr : Expr
{
    AttrExpr(Pos p, ExprPtr o, std::string n) : Expr(ExprKind::Attr, p), object(std::move(o)), name(std::move(n)) {}
    ExprPtr object;
    std::string name;
};

/** obj[key] */
struct ItemExpr : Expr
{
    ItemExpr(Pos p, ExprPtr o, ExprPtr k) : Expr(ExprKind::Item, p), object(std::move(o)), key(std::move(k)) {}
    ExprPtr object;
    ExprPtr key;
};

/** obj[start:stop:step]; a missing part is null. */
struct SliceExpr : Expr
{
    explicit SliceExpr(Pos p) : Expr(ExprKind::Slice, p) {}
    ExprPtr object, start, stop, step;
};

struct CallArgs
{
    std::vector<ExprPtr> positional;
    std::vector<std::pair<std::string, ExprPtr>> keyword;
    ExprPtr starArgs;     ///< *args
    ExprPtr starKwargs;   ///< **kwargs
};

struct CallExpr : Expr
{
    explicit CallExpr(Pos p) : Expr(ExprKind::Call, p) {}
    ExprPtr callee;
    CallArgs args;
};

/** operand | name(args); operand is null inside {% filter %} and {% set x | f %}. */
struct FilterExpr : Expr
{
    explicit FilterExpr(Pos p) : Expr(ExprKind::Filter, p) {}
    ExprPtr operand;
    std::string name;
    CallArgs args;
};

/** operand is [not] name(args) */
struct TestExpr : Expr
{
    explicit TestExpr(Pos p) : Expr(ExprKind::Test, p) {}
    ExprPtr operand;
    std::string name;
    CallArgs args;
    bool negated = false;
};

enum class UnaryOp { Not, Neg, Pos };

struct UnaryExpr : Expr
{
    UnaryExpr(Pos p, UnaryOp o, ExprPtr e) : Expr(ExprKind::Unary, p), op(o), operand(std::move(e)) {}
    UnaryOp op;
    ExprPtr operand;
};

enum class BinaryOp { Add, Sub, Mul, Div, FloorDiv, Mod, Pow, Concat, And, Or };

struct BinaryExpr : Expr
{
    BinaryExpr(Pos p, BinaryOp o, ExprPtr l, ExprPtr r)
        : Expr(ExprKind::Binary, p), op(o), left(std::move(l)), right(std::move(r)) {}
    BinaryOp op;
    ExprPtr left, right;
};

enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge, In, NotIn };

/** a < b <= c ... (chained as in Python) */
struct CompareExpr : Expr
{
    explicit CompareExpr(Pos p) : Expr(ExprKind::Compare, p) {}
    ExprPtr first;
    std::vector<std::pair<CompareOp, ExprPtr>> rest;
};

/** then if test else otherwise; otherwise may be null (undefined). */
struct CondExpr : Expr
{
    explicit CondExpr(Pos p) : Expr(ExprKind::Cond, p) {}
    ExprPtr test, then, otherwise;
};

struct ListExpr : Expr
{
    ListExpr(Pos p, bool t) : Expr(ExprKind::List, p), tuple(t) {}
    std::vector<ExprPtr> items;
    bool tuple;
};

struct DictExpr : Expr
{
    explicit DictExpr(Pos p) : Expr(ExprKind::Dict, p) {}
    std::vector<std::pair<ExprPtr, ExprPtr>> items;
};

// ---- statements ----------------------------------------------------------------

enum class StmtKind { Output, Print, If, For, Set, SetBlock, Macro, CallBlock, FilterBlock, With, Break, Continue, Scope };

struct Stmt
{
    Stmt(StmtKind k, Pos p) : kind(k), pos(p) {}
    virtual ~Stmt() = default;
    StmtKind kind;
    Pos pos;
};
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

/** Where a set / for / with stores: a name, ns.attr, or a tuple of names to unpack. */
struct Target
{
    enum class Kind { Name, NamespaceAttr, Tuple } kind = Kind::Name;
    std::string name;
    std::string attr;
    std::vector<Target> items;
    Pos pos;
};

struct OutputStmt : Stmt
{
    OutputStmt(Pos p, std::string t) : Stmt(StmtKind::Output, p), text(std::move(t)) {}
    std::string text;
};

struct PrintStmt : Stmt
{
    PrintStmt(Pos p, ExprPtr e) : Stmt(StmtKind::Print, p), expr(std::move(e)) {}
    ExprPtr expr;
};

struct IfStmt : Stmt
{
    explicit IfStmt(Pos p) : Stmt(StmtKind::If, p) {}
    std::vector<std::pair<ExprPtr, Body>> branches;   ///< if, elif, ...
    Body otherwise;
};

struct ForStmt : Stmt
{
    explicit ForStmt(Pos p) : Stmt(StmtKind::For, p) {}
    Target target;
    ExprPtr iter;
    ExprPtr filter;   ///< for x in y if cond
    Body body, otherwise;
    bool recursive = false;
};

struct SetStmt : Stmt
{
    explicit SetStmt(Pos p) : Stmt(StmtKind::Set, p) {}
    Target target;
    ExprPtr value;
};

/** {% set x | filters %}body{% endset %} */
struct SetBlockStmt : Stmt
{
    explicit SetBlockStmt(Pos p) : Stmt(StmtKind::SetBlock, p) {}
    Target target;
    ExprPtr filter;   ///< a FilterExpr chain whose innermost operand is null, or null
    Body body;
};

struct MacroParams
{
    std::vector<std::string> names;
    std::vector<ExprPtr> defaults;   ///< one per name, null when none
};

struct MacroStmt : Stmt
{
    explicit MacroStmt(Pos p) : Stmt(StmtKind::Macro, p) {}
    std::string name;
    MacroParams params;
    Body body;
    bool catchVarargs = false;   ///< the body reads `varargs`
    bool catchKwargs = false;    ///< the body reads `kwargs`
    bool usesCaller = false;     ///< the body reads `caller`
};

/** {% call(params) macro(args) %}body{% endcall %}: body becomes caller(). */
struct CallBlockStmt : Stmt
{
    explicit CallBlockStmt(Pos p) : Stmt(StmtKind::CallBlock, p), caller(p) {}
    ExprPtr call;   ///< a CallExpr
    MacroStmt caller;
};

struct FilterBlockStmt : Stmt
{
    explicit FilterBlockStmt(Pos p) : Stmt(StmtKind::FilterBlock, p) {}
    ExprPtr filter;   ///< FilterExpr chain, innermost operand null
    Body body;
};

struct WithStmt : Stmt
{
    explicit WithStmt(Pos p) : Stmt(StmtKind::With, p) {}
    std::vector<std::pair<Target, ExprPtr>> assignments;
    Body body;
};

/** A body in its own scope: {% generation %} (transformers' assistant tracker) and {% block %}. */
struct ScopeStmt : Stmt
{
    explicit ScopeStmt(Pos p) : Stmt(StmtKind::Scope, p) {}
    Body body;
};

struct Program
{
    std::string name;
    Body body;
};

} // namespace sft::jinja::detail
