package io.bankbridge.token.authorize;

import io.bankbridge.token.account.CustomerAccount;
import io.bankbridge.token.par.GrantManagementAction;
import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the account picker shows: who is asking, for what, for how long, and the accounts the customer may share.
 *
 * @param providerName  the provider's name
 * @param dataWording   the requested data clusters in plain words
 * @param durationDays  how long the provider asked the access to last
 * @param durationChoices the durations the customer may choose: the requested one and shorter ones
 * @param accounts      the accounts of the signed-in login's customer and of every linked login's customer
 * @param grantAction   a merge into or a replacement of an existing grant; null for a new one
 * @param granted       the accounts the existing grant covers, chosen in advance; empty for a new grant
 */
@TemplateData
public record ConsentPage(String providerName, List<String> dataWording, int durationDays, List<Integer> durationChoices,
                          List<CustomerAccount> accounts, GrantManagementAction grantAction, List<String> granted) {

    /** The usual periods a customer may shorten a request to. */
    private static final int[] SHORTER = {7, 30, 90, 180};

    /** The durations a customer may choose for a request of {@code requested} days: shorter ones and that one. */
    public static List<Integer> durationChoices(int requested) {
        return IntStream.concat(IntStream.of(SHORTER).filter(days -> days < requested), IntStream.of(requested))
                .boxed().toList();
    }

    /** Whether the account is shared already under the grant being changed. */
    public boolean isGranted(String accountId) {
        return granted.contains(accountId);
    }

    /** What the customer is asked, when it is to change an existing connection; null for a new one. */
    public String change() {
        if (grantAction == GrantManagementAction.MERGE) {
            return "This adds to what you already share with " + providerName + ".";
        }
        return grantAction == GrantManagementAction.REPLACE
                ? "This replaces what you share with " + providerName + " today." : null;
    }
}
