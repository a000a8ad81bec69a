package io.bankbridge.token.authorize;

import io.bankbridge.token.account.CustomerAccount;
import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What the account picker shows: who is asking, for what, for how long, and the accounts the customer may share.
 *
 * @param providerName  the provider's name
 * @param logoUri       the provider's logo; may be null
 * @param dataWording   the requested data clusters in plain words
 * @param durationDays  how long the access lasts
 * @param accounts      the accounts of the signed-in login's customer and of every linked login's customer
 */
@TemplateData
public record ConsentPage(String providerName, String logoUri, List<String> dataWording, int durationDays,
                          List<CustomerAccount> accounts) {
}
