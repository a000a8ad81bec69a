-- Grant Management for OAuth 2.0: the grant_management_action a provider pushed (create, merge, replace) and the
-- grant_id a merge or replace changes (a consent id), carried from the pushed request to the customer's decision.
ALTER TABLE pushed_requests ADD COLUMN grant_action TEXT;
ALTER TABLE pushed_requests ADD COLUMN grant_id TEXT;
ALTER TABLE authorization_sessions ADD COLUMN grant_action TEXT;
ALTER TABLE authorization_sessions ADD COLUMN grant_id TEXT;
