"""Reports: logs -> samples frame -> statistics and verdicts -> charts -> report.md/report.html."""
