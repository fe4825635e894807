#!/bin/sh
# Demo traffic for the compose stack: one request to the gateway every $TRAFFIC_INTERVAL
# seconds, cycling through the public API and the demo scenarios (mostly normal requests, so
# the collector has a history to compare the slow ones with). POSIX sh and curl only.
set -u

GATEWAY_URL=${GATEWAY_URL:-http://gateway:8080}
INTERVAL=${TRAFFIC_INTERVAL:-1}

# user method path scenario
PLAN='alice GET /api/orders/1 normal
bob GET /api/customers/2/orders normal
alice GET /api/catalog normal
alice GET /api/orders/1 n-plus-one
bob GET /api/orders/12 normal
alice POST /api/orders normal
alice GET /api/orders/11 sequential
bob GET /api/catalog normal
alice GET /api/customers/1/orders normal
bob GET /api/orders/2 retries
alice GET /api/catalog slow-query
bob GET /api/orders/22 normal
alice GET /api/orders/21 slow-network
bob GET /api/customers/2/orders n-plus-one
alice GET /api/orders/31 downstream-error
bob GET /api/orders/32 normal
alice GET /api/orders/41 slow-query
bob POST /api/orders normal
alice GET /api/customers/1/orders sequential
nobody GET /api/catalog normal'

echo "traffic: sending a request to $GATEWAY_URL every ${INTERVAL}s"
round=0
while :; do
    round=$((round + 1))
    echo "$PLAN" | while read -r user method path scenario; do
        # Orders spread over products 1-19 so that no stock runs out for hours.
        if [ "$method" = POST ]; then
            set -- --data-raw "{\"items\":[{\"productId\":$((round % 19 + 1)),\"quantity\":1}]}"
        else
            set --
        fi
        result=$(curl -s -o /dev/null -m 10 -w '%{http_code} %{time_total}s' -X "$method" \
            -H "Authorization: Bearer demo-token-$user" -H "X-Demo-Scenario: $scenario" \
            -H 'Content-Type: application/json' "$@" "$GATEWAY_URL$path") || true
        echo "traffic: $method $path [$scenario, $user] -> ${result:-no answer}"
        sleep "$INTERVAL"
    done
done
