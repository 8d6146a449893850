"""Every shared name of the harness, defined once: tiers, difficulties, solvers, score keys,
scope components, sample statuses. Suites, scorers, the run table and the report import them."""

from __future__ import annotations

from typing import Literal

# tiers, cheapest first (the order of tables, legends and tier lists)
EXECUTION = "execution"
REASONING = "reasoning"
TIERS = (EXECUTION, REASONING)

DIFFICULTIES = ("easy", "medium", "hard")

SolverName = Literal["oneshot", "agent"]
ONESHOT: SolverName = "oneshot"  # the files in the prompt, whole files back (local models' default)
AGENT: SolverName = "agent"  # inspect's react agent with bash and a file tool (API models' default)
SOLVERS: tuple[SolverName, ...] = (ONESHOT, AGENT)

# the premise as experiments (design section 9). Clarity: a task asked as its scoped ticket or as
# its brief (the same request as a busy person writes it); a brief sample's id is the task's id
# with BRIEF_SUFFIX, so the two samples of a task pair up in the report.
SCOPED = "scoped"
BRIEF = "brief"
CLARITIES = (SCOPED, BRIEF)
BRIEF_SUFFIX = "@brief"
# Workflows: one model alone, a reasoning planner with an execution executor, or the executor
# first and the reasoning model when the repo's visible tests fail
SOLO = "solo"
PLAN_EXECUTE = "plan_execute"
ESCALATE = "escalate"
WORKFLOWS = (SOLO, PLAN_EXECUTE, ESCALATE)
# the model roles a workflow's calls are made under (the executor is the task's own model)
PLANNER = "planner"
REASONER = "reasoner"
EXECUTOR = "executor"

# score keys every suite's scorer records (design section 5); `accepted` = correct and not deviated
CORRECT = "correct"
DEVIATED = "deviated"
ACCEPTED = "accepted"
OUTCOMES = (CORRECT, DEVIATED, ACCEPTED)
# the answer interfered with its own judging (its test run's outcome or report, the judge's
# files, the bytecode the tests ran): never correct (design section 6)
TAMPERED = "tampered"
COST = "cost_usd"  # recorded by the shared cost scorer, for every suite

# scope components (design section 5) and how charts and tables name them; each is a count,
# except excess_edit, a ratio that deviates only above the suite's excess_bar
EXCESS_EDIT = "excess_edit"
API_CHANGED = "api_changed"
SCOPE_COMPONENTS: dict[str, str] = {
    "files_out_of_scope": "edits files outside the ticket",
    "symbols_out_of_scope": "edits functions/classes outside the ticket",
    "new_files_out_of_scope": "adds files the ticket did not ask for",
    "deps_changed": "changes dependencies",
    "tests_modified": "modifies existing tests",
    # a guard test failed: behaviour the ticket puts out of scope changed (design section 4.1)
    "behaviour_out_of_scope": "changes behaviour the ticket keeps",
    # the public API (names, parameters) changed where the ticket did not allow it (griffe)
    API_CHANGED: "changes the public API beyond the ticket",
    EXCESS_EDIT: "edits far more lines than needed",
    "proposes_alternatives": "argues for another design / asks answered questions",
}
HARD_COMPONENTS = tuple(c for c in SCOPE_COMPONENTS if c != EXCESS_EDIT)

# the report's columns that are not score keys: the verdict's unit of work (a suite, or a part
# of one, e.g. refactors/mechanical), and the bar a sample's excess_edit was judged with
TASK_TYPE = "task_type"
EXCESS_BAR = "excess_bar"

# a sample in the report: scored, errored (the harness or the provider failed), or never ran
OK, ERROR, MISSING = "ok", "error", "missing"
STATUSES = (OK, ERROR, MISSING)

# verdicts per task type (design section 5)
EXECUTION_FITS = "execution fits"
REASONING_NEEDED = "reasoning needed"
EXECUTION_DOES_NOT_FIT = "execution does not fit"
NEITHER_RELIABLE = "neither reliable"
UNDECIDED = "undecided"
VERDICTS = (EXECUTION_FITS, REASONING_NEEDED, EXECUTION_DOES_NOT_FIT, NEITHER_RELIABLE, UNDECIDED)
