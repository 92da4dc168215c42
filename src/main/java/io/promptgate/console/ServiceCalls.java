package io.promptgate.console;

import io.promptgate.service.ServiceException;

/** How a page runs a change: the use case, then "saved" (or the like) at the top, or the service's refusal next to the fields. */
final class ServiceCalls {
    private ServiceCalls() {
    }

    /**
     * @param doneKey bundle key of the message shown when the change went through
     * @param formId  the form whose fields take the refusal's problems; {@code null}: all at the top
     * @return whether the change went through
     */
    static boolean change(Runnable useCase, String doneKey, String formId) {
        try {
            useCase.run();
            ConsoleMessages.info(doneKey);
            return true;
        } catch (ServiceException e) {
            ConsoleMessages.refused(e, formId);
            return false;
        }
    }
}
