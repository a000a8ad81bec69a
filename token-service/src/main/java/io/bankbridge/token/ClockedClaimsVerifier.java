package io.bankbridge.token;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Date;
import java.util.Set;

/**
 * Nimbus' claims verifier (required claims, exact-match claims, {@code exp} and {@code nbf} within the clock skew)
 * with the current time read from the service's clock instead of the system's, so that every JWT window follows the
 * one clock the service decides with.
 */
public class ClockedClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

    private final InstantSource clock;

    /**
     * @param exactMatch claims that must hold exactly these values
     * @param required   claims that must be present
     */
    public ClockedClaimsVerifier(InstantSource clock, Duration maxClockSkew, JWTClaimsSet exactMatch, Set<String> required) {
        super(exactMatch, required);
        this.clock = clock;
        setMaxClockSkew(Math.toIntExact(maxClockSkew.toSeconds()));
    }

    @Override
    protected Date currentTime() {
        return Date.from(clock.instant());
    }
}
