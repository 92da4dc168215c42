package io.promptgate.service;

import io.promptgate.config.ConfigDocument;
import io.promptgate.config.ConfigException;
import io.promptgate.config.ConfigKey;
import io.promptgate.config.ConfigParser;
import io.promptgate.config.ConfigValidator;
import io.promptgate.config.ConfigValues;
import io.promptgate.security.PasswordHasher;
import io.promptgate.security.SecretBox;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Applies a declarative config document (YAML or JSON): parse, validate everything against the
 * database, then upsert by name in one transaction. A bad document throws {@link ConfigException}
 * naming each offending entry and writes nothing. Idempotent: the same document applied twice
 * changes nothing the second time (and records no audit event).
 */
public final class ConfigImport {
    public static final String AUDIT_ACTION = "config.import";

    private static final Logger LOG = Logger.getLogger(ConfigImport.class.getName());

    private final SessionFactory sessions;
    private final SecretBox secrets;
    private final PasswordHasher passwords;
    private final Path home;
    private final ConfigParser parser = new ConfigParser();

    /**
     * @param home the data directory, where generated gateway keys are written
     */
    public ConfigImport(SessionFactory sessions, SecretBox secrets, PasswordHasher passwords, Path home) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.home = Objects.requireNonNull(home, "home");
    }

    /** Applies the file named by the {@link ConfigKey#CONFIG} setting, if it is set (start-up). */
    public Optional<ImportResult> applyConfiguredFile(ConfigValues config) {
        return config.get(ConfigKey.CONFIG).map(String::trim).map(Path::of).map(file -> applyFile(file, AuditLog.SYSTEM));
    }

    /** Applies a file; YAML or JSON by its extension ({@code .yaml}, {@code .yml}, {@code .json}), else by content. */
    public ImportResult applyFile(Path file, String actor) {
        ImportResult result;
        try {
            result = apply(parser.parse(file), actor, "file " + file.getFileName());
        } catch (ConfigException e) {
            throw ConfigException.in("config file " + file, e);
        }
        LOG.info(() -> "Applied config file " + file + ": " + result.summary());
        return result;
    }

    /** Applies a document given as text; JSON when it starts with <code>{</code>, YAML otherwise. */
    public ImportResult applyText(String document, String actor) {
        return apply(parser.parse(document), actor, "document");
    }

    /** Parses a document given as text (JSON when it starts with <code>{</code>, YAML otherwise) without applying it. */
    public ConfigDocument parse(String document) {
        return parser.parse(document);
    }

    /** Applies a parsed document. */
    public ImportResult apply(ConfigDocument document, String actor) {
        return apply(document, actor, "document");
    }

    private ImportResult apply(ConfigDocument document, String actor, String source) {
        return apply(document, actor, AUDIT_ACTION, source, NO_CHECK, NO_CHECK, true).result();
    }

    /**
     * The import engine, also used by the admin use cases that edit one entity through a document.
     *
     * @param precondition runs first in the write transaction (e.g. "must not exist yet"); throws to refuse
     * @param postcheck    runs after the writes, before commit (e.g. the protocol matrix); throws to roll back
     * @param keysToFile   generated gateway keys go to the generated-keys file (start-up, file imports)
     *                     or, when false, are returned to the caller, who shows them once
     */
    Applied apply(ConfigDocument document, String actor, String auditAction, String auditTarget,
                  Consumer<Session> precondition, Consumer<Session> postcheck, boolean keysToFile) {
        // first, without the write lock: validate, then the slow part (password hashing)
        Map<String, String> newPasswordHashes = sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            ConfigValidator.validate(document, ExistingConfigReader.read(session));
            return PasswordChanges.prepare(session, document.users(), passwords);
        });
        try {
            return sessions.fromTransaction(session -> {
                WriteLock.takeFirst(session);
                precondition.accept(session);
                ConfigValidator.validate(document, ExistingConfigReader.read(session)); // again: it may have changed
                ConfigWriter writer = new ConfigWriter(session, secrets, newPasswordHashes, Instant.now());
                writer.write(document);
                session.flush();
                postcheck.accept(session);
                ImportResult result = new ImportResult(writer.changes(), writer.generatedKeys().size());
                if (result.changed()) {
                    AuditLog.record(session, actor, auditAction, auditTarget, result.summary());
                }
                session.flush(); // surface constraint violations before the keys file is written
                if (keysToFile) {
                    // written before commit: if this fails nothing is stored, so no key exists that nobody knows
                    GeneratedKeysFile.append(home, writer.generatedKeys());
                    return new Applied(result, List.of());
                }
                return new Applied(result, List.copyOf(writer.generatedKeys()));
            });
        } catch (ConstraintViolationException e) {
            throw new ConfigException("the document conflicts with stored data (constraint "
                    + e.getConstraintName() + "); nothing was applied", e);
        }
    }

    private static final Consumer<Session> NO_CHECK = session -> { };

    /** What {@link #apply(ConfigDocument, String, String, String, Consumer, Consumer, boolean)} did. */
    record Applied(ImportResult result, List<GeneratedKey> generatedKeys) {
    }
}
