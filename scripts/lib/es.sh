# Sourced by scripts that call Elasticsearch with curl. ELASTICSEARCH_URL may name one node or a
# cluster's nodes comma-separated (search/backends/elasticsearch/client.py `node_urls`, which the
# application uses); curl takes one URL, so the scripts ask the nodes in order for the first
# that answers.

# The first node of "$1" (default ELASTICSEARCH_URL) whose cluster health answers within
# ES_NODE_TIMEOUT seconds (default 3), without a trailing slash; exit status 1 when none does.
# Cluster health, not "/": a node may refuse GET on its root (405 here on Elasticsearch 9).
tsunagu_es_node() {
    local urls="${1-${ELASTICSEARCH_URL:-}}" node
    local -a nodes
    IFS=, read -r -a nodes <<<"$urls"
    for node in "${nodes[@]}"; do
        node="${node#"${node%%[![:space:]]*}"}"  # spaces around the commas, as node_urls allows
        node="${node%"${node##*[![:space:]]}"}"
        node="${node%/}"
        [[ -n "$node" ]] || continue
        if curl -fs --max-time "${ES_NODE_TIMEOUT:-3}" -o /dev/null "$node/_cluster/health"; then
            printf '%s\n' "$node"
            return 0
        fi
    done
    return 1
}
