from core.models.audit import AuditEvent, ReadEvent
from core.models.outbox import OutboxMessage

__all__ = ["AuditEvent", "OutboxMessage", "ReadEvent"]
