package io.bankbridge.contract.call;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

/**
 * A peer's 4xx answer: it refused this one request (an unknown consent, a conflict), it is not failing. Every REST
 * client between the services registers {@link Mapper} and lets its circuit breaker skip this ({@code skipOn}), so
 * only 5xx answers, time-outs and no answer at all can open one. Callers see it as before: a
 * {@link jakarta.ws.rs.WebApplicationException} carrying the peer's status, marked as a client's problem so that it
 * never becomes the caller's own answer.
 */
public class PeerRefusal extends ClientWebApplicationException {

    PeerRefusal(Response response) {
        super("Refused by the peer, status code " + response.getStatus(), response);
    }

    /** Registered on each REST client: turns a 4xx answer into a {@link PeerRefusal}. */
    public static class Mapper implements ResponseExceptionMapper<PeerRefusal> {

        @Override
        public boolean handles(int status, MultivaluedMap<String, Object> headers) {
            return status >= 400 && status < 500;
        }

        @Override
        public PeerRefusal toThrowable(Response response) {
            return new PeerRefusal(response);
        }
    }
}
