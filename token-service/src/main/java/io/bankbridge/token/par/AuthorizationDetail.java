package io.bankbridge.token.par;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.bankbridge.contract.token.AuthorizationDetailTypes;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One RFC 9396 {@code authorization_details} entry of the type this server understands:
 * <pre>{"type": "bankbridge_data_access", "dataClusters": ["ACCOUNT_BASIC", "TRANSACTIONS"], "durationDays": 90}</pre>
 * {@code dataClusters} are FDX data clusters (as in {@code scope}); {@code durationDays} is the consent's requested
 * life, 1..365, 365 when absent.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthorizationDetail(String type, List<String> dataClusters, Integer durationDays) {

    public static final String TYPE = AuthorizationDetailTypes.DATA_ACCESS;
}
