package fi.arkisto.store;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.CdaParserLimits;
import fi.arkisto.store.cda.XmlLimits;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The parser limits come from {@code arkisto.cda.*}, with safe defaults and validated bounds. */
class CdaPropertiesTest {

    private static LocalValidatorFactoryBean validator;

    @BeforeAll
    static void startValidatorOnce() {
        validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
    }

    @AfterAll
    static void closeValidator() {
        validator.close();
    }

    private static CdaProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("arkisto.cda", Bindable.of(CdaProperties.class), new ValidationBindHandler(validator));
    }

    @Test
    void defaultsTo20MibAndDepth64WhenNothingIsConfigured() {
        // given no configuration, when bound, then the defaults apply
        CdaProperties properties = bind(Map.of());
        assertThat(properties.toLimits()).isEqualTo(CdaParserLimits.defaults());
        assertThat(properties.maxDocumentSize()).isEqualTo(DataSize.ofMegabytes(20));
        assertThat(properties.toLimits().toXmlLimits()).isEqualTo(new XmlLimits(20L * 1024 * 1024, 64, 256));
    }

    @Test
    void bindsConfiguredLimitsThatTheParserThenEnforces() {
        // given configured limits
        CdaProperties properties = bind(Map.of("arkisto.cda.max-document-size", "1KB", "arkisto.cda.max-depth", "20"));
        CdaParserLimits limits = properties.toLimits();

        // when a parser uses them, then a 2 KB document is too large for it
        assertThat(limits.maxDocumentBytes()).isEqualTo(1024);
        assertThat(limits.maxDepth()).isEqualTo(20);
        ArchiveException refusal = catchThrowableOfType(
                () -> new CdaParser(limits).parse(new byte[2048]), ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
    }

    @Test
    void refusesADepthLimitTooSmallForAnyCdaHeader() {
        assertThatThrownBy(() -> bind(Map.of("arkisto.cda.max-depth", "3")))
                .hasStackTraceContaining("maxDepth");
    }
}
