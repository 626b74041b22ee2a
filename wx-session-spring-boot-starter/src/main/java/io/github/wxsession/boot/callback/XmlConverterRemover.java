package io.github.wxsession.boot.callback;

import java.util.List;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Keeps the host application's endpoints as they were before the starter arrived. The starter
 * needs jackson-dataformat-xml, and its mere presence makes Spring MVC register a Jackson XML
 * converter, after which a browser (whose {@code Accept} ranks {@code application/xml} above
 * {@code *}{@code /*}) gets XML instead of JSON from every {@code @RestController}. The callback
 * writes its responses itself and needs no converter, so this one is taken out again.
 * {@code wx.callback.remove-xml-converter=false} keeps it for applications that serve XML through Jackson.
 */
class XmlConverterRemover implements WebMvcConfigurer {

    /** Spring's Jackson 2 XML converter, named rather than referenced: it is deprecated in Spring 7. */
    static final String JACKSON2_XML_CONVERTER =
            "org.springframework.http.converter.xml.MappingJackson2XmlHttpMessageConverter";

    // The List variant is the hook both Spring 6 and 7 call; Spring 7 marks it for removal in
    // favour of a builder that Spring 6 lacks. Move to the builder when 3.5 support ends.
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(converter -> converter.getClass().getName().equals(JACKSON2_XML_CONVERTER));
    }
}
