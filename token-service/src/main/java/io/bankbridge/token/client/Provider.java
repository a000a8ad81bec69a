package io.bankbridge.token.client;

import java.util.List;
import java.util.Set;

/**
 * What the sign-in and consent pages need to know about an OAuth client.
 *
 * @param clientId        the OAuth client id
 * @param name            shown to the customer ("Demo Budget App wants to ...")
 * @param logoUri         shown next to the name; may be null
 * @param redirectUris    registered redirect URIs, matched exactly
 * @param allowedClusters the FDX data clusters this provider may ask for
 * @param firstParty      the bank's own client (the Security Center): may use /authorize without PAR
 * @param active          false once suspended: no new authorization, no tokens
 */
public record Provider(String clientId, String name, String logoUri, List<String> redirectUris,
                       Set<String> allowedClusters, boolean firstParty, boolean active) {
}
