package org.webrtcgateway.core.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.config.AuthConfig;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * Keys from a JWKS file, read again when it changes, so keys rotate without a restart. A login costs
 * one stat(2); the file is read only when its time stamp or size moved, or while it is younger than
 * {@link #RACY} (a file rewritten twice within one time-stamp tick keeps its stamp: git's "racily
 * clean" case). A file that turns unreadable or malformed keeps the last good keys (a half-written
 * file in the middle of a rotation must not lock everyone out) and is logged once a minute.
 */
final class JwksFile implements KeySource {

    private static final Logger log = LoggerFactory.getLogger(JwksFile.class);
    private static final long RACY = 2_000_000_000L;

    private final Path file;
    private final RepeatedCondition unreadable;
    private Object lastStamp;
    private long lastSize = -1;
    private byte[] lastBytes = new byte[0];
    private volatile List<VerificationKey> keys;

    JwksFile(Path file) {
        this.file = file;
        this.unreadable = RepeatedCondition.warn(log, "JWKS file " + file + " unusable, keeping its last good keys");
        try {
            this.keys = read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException(AuthConfig.JWKS_FILE.key() + ": cannot read " + file);
        } catch (JwkSet.InvalidJwks e) {
            throw new ConfigException(AuthConfig.JWKS_FILE.key() + ": " + file + " is " + e.getMessage());
        }
    }

    @Override
    public synchronized List<VerificationKey> keys() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            long modified = attributes.lastModifiedTime().toMillis();
            boolean racy = System.currentTimeMillis() - modified < RACY / 1_000_000;
            if (racy || !attributes.lastModifiedTime().equals(lastStamp) || attributes.size() != lastSize) {
                byte[] bytes = Files.readAllBytes(file);
                if (!Arrays.equals(bytes, lastBytes)) {
                    keys = read(bytes);
                }
                lastStamp = attributes.lastModifiedTime();
                lastSize = attributes.size();
            }
        } catch (IOException e) {
            unreadable.occurred("cannot read it");
        } catch (JwkSet.InvalidJwks e) {
            unreadable.occurred("it is " + e.getMessage());
        }
        return keys;
    }

    private List<VerificationKey> read(byte[] bytes) throws JwkSet.InvalidJwks {
        JwkSet.Parsed parsed = JwkSet.parse(bytes);
        lastBytes = bytes;
        parsed.skipped().forEach(skipped -> log.warn("JWKS file {}: {} left out", file, skipped));
        return parsed.keys();
    }
}
