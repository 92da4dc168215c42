package io.promptgate.console;

import io.promptgate.service.ServiceException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Texts of the console's bundle for the current view's language, and the messages actions show:
 * next to a field when the service names one ({@code field: problem}), else at the top.
 */
public final class ConsoleMessages {
    private ConsoleMessages() {
    }

    public static String text(String key, Object... arguments) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "msg");
        String pattern = bundle.getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, faces.getViewRoot().getLocale()).format(arguments);
    }

    public static void info(String key, Object... arguments) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text(key, arguments), null));
    }

    public static void error(String key, Object... arguments) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key, arguments), null));
    }

    /** A message of the console's own next to one field (by client id); the action stops there. */
    public static void fieldError(String clientId, String key, Object... arguments) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key, arguments), null));
        faces.validationFailed();
    }

    /**
     * A refusal of the services. Each {@code field: problem} goes next to the field
     * {@code formId:field} when the form has one; the rest go to the top of the page. The
     * service's own words are shown (they never hold a secret), after a translated lead-in.
     */
    public static void refused(ServiceException e, String formId) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String lead = text("error.refused");
        if (e.problems().isEmpty()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, lead + " " + e.getMessage(), null));
            return;
        }
        for (String problem : e.problems()) {
            int colon = problem.indexOf(':');
            String field = colon > 0 ? problem.substring(0, colon).trim() : null;
            UIComponent input = field == null || formId == null ? null
                    : faces.getViewRoot().findComponent(":" + formId + ":" + fieldId(field));
            if (input != null) {
                faces.addMessage(input.getClientId(faces), new FacesMessage(FacesMessage.SEVERITY_ERROR,
                        problem.substring(colon + 1).trim(), null));
            } else {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, lead + " " + problem, null));
            }
        }
        faces.validationFailed();
    }

    /** {@code apiKeys[0]} → {@code apiKeys}: component ids hold no brackets or dots. */
    private static String fieldId(String field) {
        int cut = field.length();
        for (char c : new char[] {'[', '.'}) {
            int at = field.indexOf(c);
            if (at > 0 && at < cut) {
                cut = at;
            }
        }
        return field.substring(0, cut);
    }
}
