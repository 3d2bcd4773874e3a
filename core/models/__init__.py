from core.models.audit import AuditEvent, ReadEvent
from core.models.grants import GrantTally
from core.models.outbox import OutboxMessage

__all__ = ["AuditEvent", "GrantTally", "OutboxMessage", "ReadEvent"]
