{{/* The namespace every object goes to (values.yaml says why it is not the release's). */}}
{{- define "pifan.namespace" -}}
{{- if and .Values.namespace.create (eq .Release.Namespace .Values.namespace.name) -}}
{{- fail (printf "namespace.create: the chart creates the namespace %s, and Helm stores its release record in the release namespace before creating anything: install with --namespace kube-system (or another namespace that exists), or set namespace.create=false" .Values.namespace.name) -}}
{{- end -}}
{{- .Values.namespace.name -}}
{{- end -}}

{{/* Every object's labels: the kustomize manifests' one, and Helm's customary two (not in selectors
     or the pod template: a chart upgrade must not change those). */}}
{{- define "pifan.labels" -}}
app.kubernetes.io/name: pifan
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* pifan.yaml: the config value, else the chart's copy of deploy/k8s/base/pifan.yaml; with
     tray.enabled, the tray: section after it, as deploy/k8s/components/tray/pifan.yaml has it. */}}
{{- define "pifan.config" -}}
{{- .Values.config | default (.Files.Get "files/pifan.yaml") -}}
{{- if .Values.tray.enabled }}
# One fan for the tray of nodes labelled pifan.dev/tray=<name> (docs/tray.md): the fan runs at
# least what the neediest of them asks for, and full while one cannot be heard. Your tray's name:
tray:
  kubernetes:
    name: {{ include "pifan.trayName" . | quote }}
{{ end -}}
{{- end -}}

{{/* tray.name, checked: the value of a node label (at most 63 characters, alphanumeric at each end). */}}
{{- define "pifan.trayName" -}}
{{- if not (regexMatch "^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$" (.Values.tray.name | toString)) -}}
{{- fail (printf "tray.name: %q is not a node label's value: name the tray as its nodes' pifan.dev/tray label does (--set tray.name=tray1)" (.Values.tray.name | toString)) -}}
{{- end -}}
{{- .Values.tray.name -}}
{{- end -}}

{{/* The ConfigMap's name as kustomize's configMapGenerator makes it, so that the default values
     render the overlay's very name and a changed config rolls the pods: api/hasher takes the
     sha256 of the JSON of kind, name and data and spells the first 10 hex digits' 0 1 3 a e as
     g h k m t. The name it hashes is empty (kustomize 5.5 looks "metadata/name" up as one key and
     finds nothing): deploy/src/test compares the names, so a kustomize that changes this fails there. */}}
{{- define "pifan.configMapName" -}}
{{- $hash := dict "kind" "ConfigMap" "name" "" "data" (dict "pifan.yaml" (include "pifan.config" .)) | toJson | sha256sum | trunc 10 -}}
pifan-config-{{ $hash | replace "0" "g" | replace "1" "h" | replace "3" "k" | replace "a" "m" | replace "e" "t" }}
{{- end -}}

{{/* An object kept in a file of its own (files/, links to deploy/), in pifan's namespace, with the
     chart's labels and the extra ones given: (list $ "files/NAME.yaml" EXTRA_LABELS). */}}
{{- define "pifan.fromFile" -}}
{{- $root := index . 0 -}}
{{- $file := index . 1 -}}
{{- $object := $root.Files.Get $file | fromYaml -}}
{{- if not $object.metadata -}}
{{- fail (printf "%s: no object there (the chart is incomplete)" $file) -}}
{{- end -}}
{{- $_ := set $object.metadata "namespace" (include "pifan.namespace" $root) -}}
{{- $_ := set $object.metadata "labels" (merge (dict) (index . 2) (include "pifan.labels" $root | fromYaml) $object.metadata.labels) -}}
{{- toYaml $object -}}
{{- end -}}
