"""`api_changed` (docs/design.md section 5): the repo's public API before and after a change,
compared on griffe's models of both trees, minus what the task allows.

griffe reads both trees statically (`allow_inspection=False`: nothing is imported, so model
code never runs on the host) from host copies of the files, and decides what is public (`__all__`,
leading underscores, imports) and where an imported name leads. The comparison is ours:
griffe 2.4's `find_breaking_changes` marks an object seen before following it through an
import, so a function moved to another module behind a re-export is never compared, and a
refactor's most common shape would hide every signature change. Counted: a public object
removed, turned into another kind or left out of a newly written `__all__`; a parameter
removed, moved, made required or optional, given another kind or default; and a parameter
added, even an optional one (not a break for a library, but a widening no ticket asked for).
An `old = new` alias kept by a rename stands for the object it names. New public objects are
not counted: where they may appear is the file and symbol scope's business, and a renamed
object's new name is compared with nothing (its old path is what the ticket allows to change).
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import griffe

from evals.constants import API_CHANGED
from evals.scorers.scope import is_test_file

# griffe warns about unresolved names and odd docstrings; none of that is a scorer's output
logging.getLogger("griffe").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class ApiChange:
    path: str  # the dotted path of the public object that changed, as it was importable before
    kind: str  # "removed", "kind changed", "parameter added", ...
    detail: str = ""
    canonical: str = ""  # where the object was defined before (a re-export names it twice)
    param: str = ""  # the parameter concerned, for parameter changes

    def __str__(self) -> str:
        return f"api {self.path}: {self.kind}{f' ({self.detail})' if self.detail else ''}"

    def allowed_by(self, entry: str) -> bool:
        """Whether a task's `scope.api` entry covers this change: `pkg.mod.name` allows any
        change to that object and what is under it; `pkg.mod.name(a, b)` only changes to
        those parameters of it (a class's stand for its constructor's)."""
        base, _, params = entry.partition("(")
        names = {n.strip() for n in params.rstrip(")").split(",") if n.strip()}
        under = any(p == base or p.startswith(base + ".") for p in (self.path, self.canonical) if p)
        return under and (not params or self.param in names)


def _sources(files: dict[str, bytes]) -> dict[str, bytes]:
    """The Python source files of the code base (tests left out: they are not its API)."""
    return {p: d for p, d in files.items() if p.endswith(".py") and not is_test_file(p)}


def packages(files: dict[str, bytes]) -> list[str]:
    """The importable top-level packages and modules of a code base."""
    out = set()
    for p in _sources(files):
        parts = p.split("/")
        if len(parts) == 1:
            out.add(parts[0].removesuffix(".py"))
        elif f"{parts[0]}/__init__.py" in files:
            out.add(parts[0])
    return sorted(n for n in out if n.isidentifier())


def _load(name: str, root: Path) -> griffe.Object | griffe.Alias:
    loader = griffe.GriffeLoader(search_paths=[root], allow_inspection=False,
                                 force_inspection=False)
    obj = loader.load(name, try_relative_path=False)
    loader.resolve_aliases(implicit=False, external=False, max_iterations=3)
    return obj


def _write(files: dict[str, bytes], root: Path) -> None:
    for p, data in _sources(files).items():
        dest = root / p
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)


def _target(member: griffe.Object | griffe.Alias) -> griffe.Object | None:
    """What a name stands for, through any chain of imports; None when it cannot be followed
    (an external or broken import)."""
    try:
        return member.final_target if member.is_alias else member  # type: ignore[return-value]
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None


def _public(obj: griffe.Object, prefix: str, seen: set[str],
            entered: set[str] | None = None) -> Iterator[tuple[str, griffe.Object]]:
    """(path as importable, object) for every public object reachable from `obj`: its public
    members, and theirs in turn (a re-exported module is listed where it lives, not again; a
    class reached twice, e.g. through an alias of itself, is entered once)."""
    entered = set() if entered is None else entered
    entered.add(obj.path)
    for name, member in obj.all_members.items():
        try:
            public = member.is_public
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            public = False
        target = _target(member) if public else None
        path = f"{prefix}.{name}"
        if target is None or path in seen:
            continue
        seen.add(path)
        yield path, target
        if target.path not in entered and (target.is_class or (target.is_module
                                                                and not member.is_alias)):
            yield from _public(target, path, seen, entered)


def _lookup(root: griffe.Object, path: str) -> tuple[griffe.Object | None, bool]:
    """The object at an importable path in a tree, and whether its module still exports it:
    a name left out of a newly written `__all__` is still importable but no longer public."""
    obj: griffe.Object | None = root
    exported = True
    for part in path.split(".")[1:]:
        member = obj.all_members.get(part) if obj is not None else None
        if member is not None and obj is not None and obj.is_module:
            names = getattr(obj, "exports", None)
            # dunders (__version__) are never listed in __all__, and stay where they were
            exported = names is None or part in {getattr(n, "name", n) for n in names} or (
                part.startswith("__") and part.endswith("__"))
        obj = _target(member) if member is not None else None
        if obj is None:
            return None, False
        obj = _through_assignment(obj)
        if obj.is_module:
            exported = True  # a submodule is importable whatever its package's __all__ says
    return obj, exported


def _through_assignment(obj: griffe.Object) -> griffe.Object:
    """A module- or class-level `old_name = new_name` (an alias kept by a rename) stands for
    the object it names; any other attribute is itself."""
    value = getattr(obj, "value", None) if obj.is_attribute else None
    parent = obj.parent
    if isinstance(value, griffe.ExprName) and parent is not None:
        member = parent.all_members.get(value.name)
        target = _target(member) if member is not None else None
        if target is not None and (target.is_function or target.is_class):
            return target
    return obj


_VARIADIC = (griffe.ParameterKind.var_positional, griffe.ParameterKind.var_keyword)
_POSITIONAL = (griffe.ParameterKind.positional_only, griffe.ParameterKind.positional_or_keyword)


def _signature_changes(path: str, old: griffe.Function, new: griffe.Function) -> Iterator[ApiChange]:
    """How a callable's parameters changed, as a caller sees them (annotations aside)."""
    def change(kind: str, detail: str, param: str) -> ApiChange:
        return ApiChange(path, kind, detail, old.path, param)

    new_params = {p.name: (i, p) for i, p in reversed(list(enumerate(new.parameters)))}
    kinds = {p.kind for p in new.parameters}
    for i, p in enumerate(old.parameters):
        if p.name not in new_params:
            swallowed = (p.kind is griffe.ParameterKind.keyword_only and
                         griffe.ParameterKind.var_keyword in kinds) or \
                        (p.kind in _VARIADIC and p.kind in kinds)
            if not swallowed:
                yield change("parameter removed", p.name, p.name)
            continue
        j, q = new_params[p.name]
        if q.kind is not p.kind:
            yield change("parameter kind changed", f"{p.name}: {p.kind.value} -> {q.kind.value}",
                         p.name)
        elif p.kind in _POSITIONAL and i != j:
            yield change("parameter moved", f"{p.name}: position {i} -> {j}", p.name)
        if q.required and not p.required and q.kind not in _VARIADIC:
            yield change("parameter made required", p.name, p.name)
        elif p.required and not q.required and q.kind not in _VARIADIC:
            # a default where callers had to pass a value: a widening, like a new parameter
            yield change("parameter made optional", f"{p.name}={q.default}", p.name)
        elif not q.required and not p.required and str(q.default) != str(p.default) \
                and p.kind not in _VARIADIC:
            yield change("parameter default changed", f"{p.name}: {p.default} -> {q.default}",
                         p.name)
    before = {p.name for p in old.parameters}
    for p in new.parameters:
        if p.name not in before:
            yield change("required parameter added" if p.required else "parameter added",
                         p.name, p.name)


def _changes(old: griffe.Object, new: griffe.Object) -> Iterator[ApiChange]:
    for path, before in _public(old, old.path, set()):
        after, exported = _lookup(new, path)
        if after is None:
            yield ApiChange(path, "removed", canonical=before.path)
        elif not exported:
            yield ApiChange(path, "no longer exported", "left out of __all__", before.path)
        elif after.kind is not before.kind:
            yield ApiChange(path, "kind changed", f"{before.kind.value} -> {after.kind.value}",
                            before.path)
        elif before.is_function:
            yield from _signature_changes(path, before, after)  # type: ignore[arg-type]
        elif before.is_class:
            gone = {str(b) for b in before.bases} - {str(b) for b in after.bases}  # type: ignore[attr-defined]
            if gone:
                yield ApiChange(path, "base class removed", ", ".join(sorted(gone)), before.path)


_ORIGINALS: dict[tuple[str, str], griffe.Object | griffe.Alias] = {}


def _code_base(files: dict[str, bytes]) -> str:
    """A digest of a code base's sources: what `_original` keys its loaded packages by."""
    digest = hashlib.sha256()
    for path, data in sorted(_sources(files).items()):
        digest.update(path.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def _original(files: dict[str, bytes], code_base: str, name: str) -> griffe.Object | griffe.Alias:
    """The original package `name`, loaded once per process per code base (every sample of a
    task compares against the same one; only read, never changed, by the diff)."""
    key = (code_base, name)
    if key not in _ORIGINALS:
        with tempfile.TemporaryDirectory(prefix="tierfit-api-") as tmp:
            _write(files, Path(tmp))
            try:
                _ORIGINALS[key] = _load(name, Path(tmp))
            except Exception as ex:  # noqa: BLE001  (the task's own code: a harness fault)
                raise RuntimeError(f"griffe cannot read the original {name}: {ex}") from ex
    return _ORIGINALS[key]


def _diff(old_files: dict[str, bytes], new_files: dict[str, bytes]) -> list[ApiChange] | str:
    """Every public API change of each package of the original (a str: the new tree cannot be
    read)."""
    out: list[ApiChange] = []
    with tempfile.TemporaryDirectory(prefix="tierfit-api-") as tmp:
        after = Path(tmp, "new")
        _write(new_files, after)
        code_base = _code_base(old_files)  # once, not per package
        for name in packages(old_files):
            old = _original(old_files, code_base, name)
            try:
                new = _load(name, after)
                found = list(_changes(old, new))
            except ImportError:
                found = [ApiChange(name, "removed", "the package is gone", name)]
            except Exception as ex:  # noqa: BLE001  (griffe cannot read the answer's code)
                return f"the public API of {name} after the change could not be read " \
                       f"({type(ex).__name__}: {str(ex)[:120]})"
            out += found
    # a signature reached by two public paths (a module and the package that re-exports it) is
    # one change, named where it was first reached; a name gone from each path is one each
    once = {(c.path if c.kind == "removed" else c.canonical or c.path, c.kind, c.detail): c
            for c in reversed(out)}
    return sorted(once.values(), key=out.index)


def api_changes(original: dict[str, bytes], current: dict[str, bytes],
                allowed: Iterable[str] = ()) -> list[ApiChange]:
    """The public API changes of `current` against `original` that `allowed` does not cover
    (an allowed dotted path covers the object and everything under it). When the new tree
    cannot be read at all, that is one change: the API after it cannot be vouched for."""
    if _sources(original) == _sources(current):
        return []
    found = _diff(original, current)
    if isinstance(found, str):
        return [ApiChange("<package>", "unreadable", found)]
    allow = tuple(allowed)
    return [c for c in found if not any(c.allowed_by(a) for a in allow)]


def add_api_changed(components: dict, original: dict[str, bytes], current: dict[str, bytes],
                    allowed: Iterable[str]) -> list[ApiChange]:
    """Set a scope result's `api_changed` (and name each change among what is out of scope)."""
    found = api_changes(original, current, allowed)
    components[API_CHANGED] = len(found)
    components["out_of_scope"] = [*components["out_of_scope"], *map(str, found)]
    return found
