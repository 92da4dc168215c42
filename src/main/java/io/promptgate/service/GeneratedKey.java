package io.promptgate.service;

/** A gateway key generated during an import, on its way to the generated-keys file. */
record GeneratedKey(String username, String keyName, String key) {
    /** The line written to the file: {@code username/keyname: pg_…}. */
    String line() {
        return username + "/" + keyName + ": " + key;
    }

    @Override
    public String toString() {
        return "GeneratedKey[" + username + "/" + keyName + "]";
    }
}
