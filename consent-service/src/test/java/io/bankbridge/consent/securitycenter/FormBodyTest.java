package io.bankbridge.consent.securitycenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.api.Test;

/** How strictly a Security Center form post is read: what a browser sends is read, anything else refused with a 4xx. */
class FormBodyTest {

    private static FormBody parse(String body) {
        return FormBody.parse(body, 100, 4);
    }

    private static int refusal(String body) {
        try {
            parse(body);
        } catch (WebApplicationException e) {
            return e.getResponse().getStatus();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void whatABrowserSendsIsRead() {
        FormBody form = parse("csrf=a.b%2Ec&note=caf%C3%A9+au+lait&empty=&flag");
        assertThat(form.get("csrf")).isEqualTo("a.b.c");
        assertThat(form.get("note")).isEqualTo("café au lait");
        assertThat(form.get("empty")).isEmpty();
        assertThat(form.get("flag")).isEmpty();
        assertThat(parse("").get("csrf")).isNull();
    }

    @Test
    void malformedEncodingAndNamelessFieldsAreABadRequest() {
        for (String body : new String[] {"a=%ZZ", "a=%4", "a=%", "==", "=x", "a=%C3", "a=%FF", "a=é"}) {
            assertThat(refusal(body)).as(body).isEqualTo(400);
        }
    }

    @Test
    void tooManyFieldsOrTooManyBytesAreTooLarge() {
        assertThat(refusal("a=1&b=2&c=3&d=4&e=5")).isEqualTo(413);
        assertThat(refusal("a=" + "x".repeat(100))).isEqualTo(413);
        assertThatThrownBy(() -> parse("&&&&&")).isInstanceOf(WebApplicationException.class);
    }
}
