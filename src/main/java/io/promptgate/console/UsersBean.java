package io.promptgate.console;

import io.promptgate.service.UserService;
import io.promptgate.service.UserService.NewUser;
import io.promptgate.service.UserService.UserChange;
import io.promptgate.service.UserService.UserView;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Users (administrators): create, change role, enable / disable, reset password, delete. */
@Named
@ViewScoped
public class UsersBean implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleServices console;
    @Inject
    CurrentCaller caller;

    private transient List<UserView> users = List.of();
    private String newUsername;
    private String newRole = "user";
    private String newPassword;
    private String editing;
    private String editRole;
    private String resetPassword;

    @PostConstruct
    void load() {
        users = service().list();
    }

    private UserService service() {
        return console.services().users();
    }

    public void create() {
        NewUser user = new NewUser(newUsername, newRole, TextLists.blankToNull(newPassword), true);
        newPassword = null;
        if (ServiceCalls.change(() -> service().create(caller.get(), user), "common.saved", "createForm")) {
            newUsername = null;
            newRole = "user";
            load();
        }
    }

    public void startEdit(UserView user) {
        editing = user.username();
        editRole = user.role();
        resetPassword = null;
    }

    public void saveEdit() {
        UserChange change = new UserChange(editRole, null, TextLists.blankToNull(resetPassword));
        resetPassword = null;
        if (ServiceCalls.change(() -> service().update(caller.get(), editing, change), "common.saved", "editForm")) {
            load();
        }
    }

    public void toggle(UserView user) {
        UserChange change = new UserChange(null, !user.enabled(), null);
        if (ServiceCalls.change(() -> service().update(caller.get(), user.username(), change), "common.saved", null)) {
            load();
        }
    }

    public void delete(UserView user) {
        if (ServiceCalls.change(() -> service().delete(caller.get(), user.username()), "common.deleted", null)) {
            load();
        }
    }

    public List<UserView> getUsers() {
        return users == null ? List.of() : users;
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String newUsername) {
        this.newUsername = newUsername;
    }

    public String getNewRole() {
        return newRole;
    }

    public void setNewRole(String newRole) {
        this.newRole = newRole;
    }

    /** Never echoed back. */
    public String getNewPassword() {
        return null;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getEditing() {
        return editing;
    }

    public String getEditRole() {
        return editRole;
    }

    public void setEditRole(String editRole) {
        this.editRole = editRole;
    }

    /** Never echoed back. */
    public String getResetPassword() {
        return null;
    }

    public void setResetPassword(String resetPassword) {
        this.resetPassword = resetPassword;
    }
}
