"""What tests in every app count on: the cost of the page frame, in SQL queries."""

# Every logged-in page costs these queries before its own: the session and the user. The
# network's settings and the code of conduct come from the cache, the member's acceptance of it
# from the session (after their first page) and the unread badge from their own row.
FRAME_QUERIES = 2
