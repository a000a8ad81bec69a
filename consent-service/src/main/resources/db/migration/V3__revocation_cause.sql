-- Why a consent was revoked and which party initiated it, in FDX's words (ConsentRevocation.reason and .initiator):
-- a provider states both when it revokes through PUT /consents/{id}/revocation; every other revocation takes them
-- from who revoked. Present exactly when revoked_by is.
ALTER TABLE consent
    ADD COLUMN revocation_reason_code TEXT CHECK (revocation_reason_code IN ('BUSINESS_RULE', 'USER_ACTION')),
    ADD COLUMN revocation_initiator   TEXT CHECK (revocation_initiator IN
        ('INDIVIDUAL', 'MANAGING_ORGANIZATION', 'DATA_ACCESS_PLATFORM', 'DATA_RECIPIENT', 'DATA_PROVIDER'));

UPDATE consent
SET revocation_reason_code = CASE WHEN revoked_by IN ('CUSTOMER', 'PROVIDER') THEN 'USER_ACTION' ELSE 'BUSINESS_RULE' END,
    revocation_initiator   = CASE revoked_by WHEN 'CUSTOMER' THEN 'INDIVIDUAL' WHEN 'PROVIDER' THEN 'DATA_RECIPIENT'
                                 ELSE 'DATA_PROVIDER' END
WHERE revoked_by IS NOT NULL;

ALTER TABLE consent ADD CONSTRAINT consent_revocation_cause_with_revoker
    CHECK ((revoked_by IS NULL) = (revocation_reason_code IS NULL) AND (revoked_by IS NULL) = (revocation_initiator IS NULL));
