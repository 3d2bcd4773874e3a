"""Session keys this app keeps in the session data."""

STARTED = "_auth_started"  # time.time() at sign-in: the absolute timeout
SEEN = "_auth_seen"  # time.time() of the last request (to a minute): the idle timeout
MUST_CHANGE = "_password_change_required"
# The last-seen time is written at most once a minute, so an ordinary page view does not
# rewrite the session row; the idle end can come up to this much early.
TOUCH_EVERY = 60
