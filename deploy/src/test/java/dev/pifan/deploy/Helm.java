package dev.pifan.deploy;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code helm template} of deploy/helm/pifan, run for real. helm is required like kubectl: a
 * missing helm fails the tests that need it (CI installs it with deploy/k8s/get-helm.sh).
 */
final class Helm {

    static final String NEEDED = "helm is needed to render deploy/helm/pifan (helm 3: deploy/k8s/get-helm.sh;"
            + " or -Dpifan.helm=FILE)";

    private Helm() {
    }

    /** The command that renders the chart with these extra arguments (--set, --set-file, --namespace). */
    private static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(System.getProperty("pifan.helm", "helm"), "template", "pifan",
                Kustomize.repository().resolve("deploy/helm/pifan").toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** The rendered documents. */
    static List<JsonObject> template(String... arguments) {
        return Kustomize.documents(Kustomize.run(command(arguments), NEEDED));
    }

    /** What helm says on its error output when the rendering must fail; fails if it does not. */
    static String refusal(String... arguments) {
        Kustomize.Result result = Kustomize.runAllowingFailure(command(arguments), NEEDED);
        if (result.exit() == 0) {
            throw new AssertionError("helm template " + String.join(" ", arguments) + " rendered, expected a refusal");
        }
        return result.err();
    }
}
