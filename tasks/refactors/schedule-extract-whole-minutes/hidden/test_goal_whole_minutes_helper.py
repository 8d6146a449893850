"""Goal test (imports the code): the new helper exists where the ticket puts it and rounds
down. Imported inside the test, so the untouched repo collects. (What it returns for
every span is the behaviour tests' business, through the three public users.)"""

import importlib
from datetime import timedelta


def test_whole_minutes_rounds_down():
    whole_minutes = importlib.import_module("schedule.dates").whole_minutes
    assert whole_minutes(timedelta(minutes=90)) == 90
    assert whole_minutes(timedelta(seconds=119)) == 1
    assert whole_minutes(timedelta(seconds=59, microseconds=999999)) == 0
    assert whole_minutes(delta=timedelta(0)) == 0
    assert isinstance(whole_minutes(timedelta(hours=1)), int)
