package io.github.wxsession.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON answer of WeChat: the body as received and its parsed tree.
 *
 * @param body the raw JSON text
 * @param json the parsed object
 */
record ApiResponse(String body, JsonNode json) {

    /** The {@code errcode}, 0 when absent (successful answers often omit it). */
    int errorCode() {
        return json.path("errcode").asInt(0);
    }

    WxError error() {
        return new WxError(errorCode(), json.path("errmsg").asText(""));
    }

    /** A text field the call must answer; its absence means the answer is not what WeChat sends. */
    String requireText(String field, ApiRequest request) throws WxErrorException {
        JsonNode node = json.get(field);
        if (node == null || !node.isValueNode() || node.asText().isEmpty()) {
            throw LocalErrors.badAnswer(request, "no \"" + field + "\" in " + LocalErrors.snippet(body));
        }
        return node.asText();
    }

    /** A text field that may be missing; {@code null} then. */
    String optionalText(String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }

    /** A positive integer field the call must answer. */
    int requirePositiveInt(String field, ApiRequest request) throws WxErrorException {
        JsonNode node = json.get(field);
        if (node == null || !node.canConvertToInt() || node.asInt() <= 0) {
            throw LocalErrors.badAnswer(request, "no positive \"" + field + "\" in " + LocalErrors.snippet(body));
        }
        return node.asInt();
    }
}
