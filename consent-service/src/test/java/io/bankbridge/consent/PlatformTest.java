package io.bankbridge.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

import io.bankbridge.testsupport.PlatformChecks;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What an operator relies on (test-support's {@link PlatformChecks}), and how each API operation is authorized. */
@QuarkusTest
class PlatformTest extends PlatformChecks {

    @Override
    protected String apiTitle() {
        return "Bankbridge consent service";
    }

    @Override
    protected String service() {
        return "consent-service";
    }

    @Test
    void openApiDocumentSaysHowEachApiOperationIsAuthorized() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().log().ifValidationFails().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/consents/{id}'.get.security[0]", hasKey("bearer"))
                .body("paths.'/consents/{id}'.delete.security[0]", hasKey("bearer"))
                .body("paths.'/internal/consents/decisions'.post.security[0]", hasKey("bearer"))
                .body("paths.'/internal/consents/decisions'.post.description", containsString("internal.consents.decide"))
                .body("paths.'/internal/consents/decisions'.post.responses", hasKey("409"))
                .body("paths.'/internal/consents/{id}'.get.security[0]", hasKey("bearer"))
                .body("paths.'/internal/consents/{id}'.get.description", containsString("internal.consents.read"))
                .body("paths.'/internal/consents/{id}/revoke'.post.description", containsString("internal.consents.decide"))
                .body("paths.'/me/consents'.get.security", nullValue());
    }
}
