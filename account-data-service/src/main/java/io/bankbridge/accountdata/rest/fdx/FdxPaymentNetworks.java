package io.bankbridge.accountdata.rest.fdx;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** {@code GET /accounts/{id}/payment-networks} (FDX {@code AccountPaymentNetworkList}); empty for card accounts. */
@RegisterForReflection
public record FdxPaymentNetworks(List<PaymentNetwork> paymentNetworks) {

    /** {@code bankId} is the routing number, {@code identifier} the full account number. */
    public record PaymentNetwork(String bankId, String identifier, String type, boolean transferIn, boolean transferOut) {
    }
}
