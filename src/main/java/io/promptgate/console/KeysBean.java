package io.promptgate.console;

import io.promptgate.service.KeyService;
import io.promptgate.service.KeyService.CreatedKey;
import io.promptgate.service.KeyService.KeyChange;
import io.promptgate.service.KeyService.KeyView;
import io.promptgate.service.KeyService.NewKey;
import io.promptgate.service.ServiceException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Gateway keys: the caller's own (an administrator may show everyone's); create (the full key is
 * shown once, in a dialog, and forgotten when it closes), rename, enable / disable, delete.
 */
@Named
@ViewScoped
public class KeysBean implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleServices console;
    @Inject
    CurrentCaller caller;

    private transient List<KeyView> keys = List.of();
    private boolean everyone;
    private String newName;
    private Integer newConcurrency;
    private String newOwner;
    private String createdKey;
    private Long renamingId;
    private String renameTo;

    @PostConstruct
    void load() {
        try {
            keys = service().list(caller.get(), null, everyone && caller.isAdmin());
        } catch (ServiceException e) {
            ConsoleMessages.refused(e, null);
        }
    }

    private KeyService service() {
        return console.services().keys();
    }

    public void create() {
        try {
            String owner = newOwner == null || newOwner.isBlank() ? null : newOwner.trim();
            CreatedKey created = service().create(caller.get(), new NewKey(newName, newConcurrency, owner));
            createdKey = created.key();
            newName = null;
            newConcurrency = null;
            newOwner = null;
            load();
        } catch (ServiceException e) {
            ConsoleMessages.refused(e, "createForm");
        }
    }

    /** The dialog closed: the key is not kept in the page any longer. */
    public void forgetCreatedKey() {
        createdKey = null;
    }

    public void startRename(KeyView key) {
        renamingId = key.id();
        renameTo = key.name();
    }

    public void rename() {
        change(renamingId, new KeyChange(renameTo, null, null), "renameForm");
    }

    public void toggle(KeyView key) {
        change(key.id(), new KeyChange(null, !key.enabled(), null), null);
    }

    private void change(Long id, KeyChange change, String formId) {
        if (id != null && ServiceCalls.change(() -> service().update(caller.get(), id, change), "common.saved", formId)) {
            load();
        }
    }

    public void delete(KeyView key) {
        if (ServiceCalls.change(() -> service().delete(caller.get(), key.id()), "common.deleted", null)) {
            load();
        }
    }

    public void showEveryone() {
        load();
    }

    public List<KeyView> getKeys() {
        return keys == null ? List.of() : keys;
    }

    public boolean isEveryone() {
        return everyone;
    }

    public void setEveryone(boolean everyone) {
        this.everyone = everyone;
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }

    public Integer getNewConcurrency() {
        return newConcurrency;
    }

    public void setNewConcurrency(Integer newConcurrency) {
        this.newConcurrency = newConcurrency;
    }

    public String getNewOwner() {
        return newOwner;
    }

    public void setNewOwner(String newOwner) {
        this.newOwner = newOwner;
    }

    public String getCreatedKey() {
        return createdKey;
    }

    public String getRenameTo() {
        return renameTo;
    }

    public void setRenameTo(String renameTo) {
        this.renameTo = renameTo;
    }
}
