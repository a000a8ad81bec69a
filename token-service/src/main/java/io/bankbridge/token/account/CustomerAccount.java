package io.bankbridge.token.account;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One account as account-data-service lists it for the account picker.
 *
 * @param accountId    the account id the consent is granted for
 * @param accountType  CARD, SAVINGS or CHECKING
 * @param nickname     the name the customer knows the account by
 * @param maskedNumber the account number with all but the last digits hidden
 * @param currency     ISO 4217 code
 * @param status       e.g. OPEN
 */
@TemplateData
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record CustomerAccount(String accountId, String accountType, String nickname, String maskedNumber,
                              String currency, String status) {
}
