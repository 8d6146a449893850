"""One module per task type; each builds an inspect Task from tasks/<suite>/."""

SUITES = ("tickets",)
