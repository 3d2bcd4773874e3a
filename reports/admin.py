"""Export jobs are not in the admin site: a job's filters and reason may name a
prisoner (a name search); each export is in the audit trail, read in the audit viewer
(``auditlog``) by auditors (issue 16)."""
