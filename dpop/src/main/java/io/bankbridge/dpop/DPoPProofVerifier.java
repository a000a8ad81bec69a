package io.bankbridge.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.dpop.verifiers.AccessTokenValidationException;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProtectedResourceRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPTokenRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.InvalidDPoPProofException;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.text.ParseException;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks DPoP proofs (RFC 9449 §4.3) with the Nimbus OAuth 2.0 SDK's verifiers — {@code typ dpop+jwt}, an accepted
 * asymmetric {@code alg}, a public {@code jwk} in the header, the signature, {@code htm}, {@code htu} (without query
 * and fragment), {@code iat} within the window, {@code jti} once, and at a resource server {@code ath} and the key
 * matching the token's {@code cnf.jkt} — and adds what they leave to the server: exactly one proof per request, no
 * private key material in the header, and this server's nonces.
 */
public final class DPoPProofVerifier {

    /** Request header carrying the proof. */
    public static final String HEADER = "DPoP";
    /** Response header carrying a nonce to use in the next proof. */
    public static final String NONCE_HEADER = "DPoP-Nonce";
    /** Authorization scheme of DPoP-bound access tokens (RFC 9449 §7.1). */
    public static final String SCHEME = "DPoP";
    /** {@code token_type} of a DPoP-bound access token (RFC 9449 §5). */
    public static final String TOKEN_TYPE = "DPoP";

    private static final int MAX_PROOF_LENGTH = 8_192;

    private final ProofPolicy policy;
    private final DPoPNonces nonces;
    private final ProofReplayCache replays;
    private final DPoPProtectedResourceRequestVerifier resourceVerifier;
    private final Map<URI, DPoPTokenRequestVerifier> tokenVerifiers = new ConcurrentHashMap<>();

    public DPoPProofVerifier(ProofPolicy policy, InstantSource clock) {
        this.policy = policy;
        this.nonces = new DPoPNonces(policy.nonceKey(), policy.nonceWindow(), clock);
        this.replays = new ProofReplayCache(policy.iatWindow().multipliedBy(2).plusSeconds(1), policy.maxReplayEntries(),
                clock);
        this.resourceVerifier = new DPoPProtectedResourceRequestVerifier(algorithms(), policy.iatWindow().toSeconds(),
                replays);
    }

    public ProofPolicy policy() {
        return policy;
    }

    /** The nonce to hand out now in {@code DPoP-Nonce}. */
    public String currentNonce() {
        return nonces.current();
    }

    /**
     * A proof at a token-issuing endpoint ({@code POST} to {@code endpoint}, e.g. {@code /token} or {@code /par}) of
     * an authenticated client. {@code proofs} holds every {@code DPoP} header value of the request.
     *
     * @return the JWK SHA-256 thumbprint of the proof key (RFC 7638), or null if the request carries no proof
     * @throws DPoPRefusal if a proof is there and does not pass
     */
    public String verifyTokenRequest(List<String> proofs, URI endpoint, String clientId) {
        if (proofs == null || proofs.isEmpty()) {
            return null;
        }
        SignedJWT proof = single(proofs);
        DPoPTokenRequestVerifier verifier = tokenVerifiers.computeIfAbsent(endpoint,
                uri -> new DPoPTokenRequestVerifier(algorithms(), uri, policy.iatWindow().toSeconds(), replays));
        Nonce nonce = nonceOf(proof);
        try {
            JWKThumbprintConfirmation cnf = verifier.verify(new DPoPIssuer(clientId), proof, nonce);
            checkNonce(nonce);
            return cnf.getValue().toString();
        } catch (InvalidDPoPProofException | ProofReplayCache.Full e) {
            throw DPoPRefusal.invalidProof(e.getMessage());
        } catch (JOSEException e) {
            throw DPoPRefusal.invalidProof("the DPoP proof cannot be verified");
        }
    }

    /**
     * A proof with a DPoP-bound access token at a resource server: {@code method} and {@code uri} as the client
     * addressed them (the public URL, not one rewritten behind a proxy), {@code expectedJkt} the token's
     * {@code cnf.jkt}.
     *
     * @throws DPoPRefusal if the proof is missing or does not pass
     */
    public void verifyResourceRequest(List<String> proofs, String method, URI uri, String clientId, String accessToken,
                                      String expectedJkt) {
        if (proofs == null || proofs.isEmpty()) {
            throw DPoPRefusal.invalidProof("a DPoP proof is required with a DPoP-bound access token");
        }
        SignedJWT proof = single(proofs);
        requireBoundKey(proof, expectedJkt);
        Nonce nonce = nonceOf(proof);
        try {
            resourceVerifier.verify(method, uri, new DPoPIssuer(clientId == null ? "" : clientId), proof,
                    new DPoPAccessToken(accessToken), new JWKThumbprintConfirmation(new Base64URL(expectedJkt)), nonce);
            checkNonce(nonce);
        } catch (InvalidDPoPProofException | ProofReplayCache.Full e) {
            throw DPoPRefusal.invalidProof(e.getMessage());
        } catch (AccessTokenValidationException e) {
            throw DPoPRefusal.invalidProof(e.getMessage());
        } catch (JOSEException e) {
            throw DPoPRefusal.invalidProof("the DPoP proof cannot be verified");
        }
    }

    /**
     * A resource request, whichever way its token came: a token bound to a key ({@code tokenJkt}, its
     * {@code cnf.jkt}) must come under the {@code DPoP} scheme with a proof of that key; an unbound token under the
     * {@code DPoP} scheme is refused too, so that a client never believes a bearer token is protected.
     *
     * @param dpopScheme whether the token came as {@code Authorization: DPoP} (else {@code Bearer})
     * @throws DPoPRefusal if the presentation or the proof does not pass
     */
    public void verifyPresentation(boolean dpopScheme, List<String> proofs, String method, URI uri, String clientId,
                                   String accessToken, String tokenJkt) {
        if (tokenJkt != null && !dpopScheme) {
            throw DPoPRefusal.invalidToken("the access token is DPoP-bound: send it as Authorization: DPoP with a proof");
        }
        if (tokenJkt == null && dpopScheme) {
            throw DPoPRefusal.invalidToken("the access token is not DPoP-bound");
        }
        if (dpopScheme) {
            verifyResourceRequest(proofs, method, uri, clientId, accessToken, tokenJkt);
        }
    }

    /**
     * The {@code WWW-Authenticate} challenge of a resource server (RFC 9449 §7.1): the DPoP scheme, the error if
     * there is one, and the accepted algorithms.
     */
    public String challenge(String error, String description) {
        StringBuilder challenge = new StringBuilder(SCHEME);
        String separator = " ";
        if (error != null) {
            challenge.append(separator).append("error=\"").append(error).append('"');
            separator = ", ";
            if (description != null) {
                challenge.append(separator).append("error_description=\"")
                        .append(description.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return challenge.append(separator).append("algs=\"").append(policy.algorithmNames()).append('"').toString();
    }

    private static SignedJWT single(List<String> proofs) {
        if (proofs.size() != 1) {
            throw DPoPRefusal.invalidProof("exactly one DPoP header is allowed");
        }
        String value = proofs.get(0);
        if (value == null || value.isBlank() || value.length() > MAX_PROOF_LENGTH) {
            throw DPoPRefusal.invalidProof("the DPoP header is empty or too long");
        }
        SignedJWT proof;
        try {
            proof = SignedJWT.parse(value.trim());
        } catch (ParseException e) {
            throw DPoPRefusal.invalidProof("the DPoP proof is not a signed JWT");
        }
        JWK jwk = proof.getHeader().getJWK();
        if (jwk != null && jwk.isPrivate()) {
            throw DPoPRefusal.invalidProof("the DPoP proof's jwk must be a public key");
        }
        return proof;
    }

    /**
     * A resource request's proof must be signed with the key its token is bound to. Checked before the Nimbus verifier,
     * which remembers the proof's {@code jti} before it compares the keys: a proof of any other key is refused without
     * taking a place in the replay memory, so only the token's key holder can fill it.
     */
    private static void requireBoundKey(SignedJWT proof, String expectedJkt) {
        JWK jwk = proof.getHeader().getJWK();
        try {
            if (jwk == null || !jwk.computeThumbprint().toString().equals(expectedJkt)) {
                throw DPoPRefusal.invalidProof("the DPoP proof's key is not the key the access token is bound to");
            }
        } catch (JOSEException e) {
            throw DPoPRefusal.invalidProof("the DPoP proof's key cannot be read");
        }
    }

    /** The proof's nonce claim as the Nimbus verifier expects it (it refuses a nonce it was not told about). */
    private static Nonce nonceOf(SignedJWT proof) {
        try {
            Object nonce = proof.getJWTClaimsSet().getClaim("nonce");
            if (nonce == null) {
                return null;
            }
            if (!(nonce instanceof String value) || value.isEmpty()) {
                throw DPoPRefusal.invalidProof("the DPoP proof's nonce is not a string");
            }
            return new Nonce(value);
        } catch (ParseException e) {
            throw DPoPRefusal.invalidProof("the DPoP proof's claims are not valid JSON");
        }
    }

    /** After the signature: a nonce, when there is one or one is required, must be one this server issued lately. */
    private void checkNonce(Nonce nonce) {
        if (nonce == null) {
            if (policy.nonceRequired()) {
                throw DPoPRefusal.useNonce("the DPoP proof must carry a server-issued nonce", nonces.current());
            }
            return;
        }
        if (!nonces.accepts(nonce.getValue())) {
            throw DPoPRefusal.useNonce("the DPoP nonce is unknown or has expired", nonces.current());
        }
    }

    private java.util.Set<JWSAlgorithm> algorithms() {
        return new LinkedHashSet<>(policy.algorithms());
    }
}
