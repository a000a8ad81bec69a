-- What a consent grants can change while it is in force (a narrowing in the Security Center, a provider's merge or
-- replace, a renewal), and each change is announced by consent.updated. Two updates of one consent can reach a reader
-- in another order than they were made (two replicas relaying the outbox at once, a record published again after a
-- crash), so each change raises the consent's grant version, which the event and the internal API carry: a reader
-- applies an update only above the version it holds. Every consent so far has its first version.
ALTER TABLE consent
    ADD COLUMN grant_version BIGINT NOT NULL DEFAULT 1 CHECK (grant_version >= 1);
