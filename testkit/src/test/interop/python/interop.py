"""Confluent's Python client (Debian's python3-confluent-kafka with python3-avro) against the hub's
broker and registry, driven by ConfluentClientsInteropIT.

  interop.py produce <bootstrap> <registryUrl> <topic> <schemaFile> <jsonLinesFile>
  interop.py consume <bootstrap> <registryUrl> <topic> <count>   -> one JSON line per record

The registry is HTTPS with HTTP basic users, as the hub runs it: the CA file and user:password come
from the environment (REGISTRY_CA_FILE, REGISTRY_USER_INFO), not the command line, which other users
of the machine can read.
"""
import datetime
import json
import os
import sys

from confluent_kafka import KafkaError

from confluent_kafka import avro
from confluent_kafka.avro import AvroConsumer, AvroProducer


def as_json(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(type(value))


AUTHENTICATION_FAILED = 3


def refused(error):
    """A login the broker refuses is final: say so with its own exit status, not a timeout."""
    if error.code() == KafkaError._AUTHENTICATION:
        print("authentication refused: " + error.str(), file=sys.stderr, flush=True)
        os._exit(AUTHENTICATION_FAILED)


def security():
    """The broker login, from the environment (never the command line, which others can see)."""
    protocol = os.environ.get("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")
    if protocol == "PLAINTEXT":
        return {}
    with open(os.environ["KAFKA_SASL_PASSWORD_FILE"], encoding="utf-8") as f:
        password = f.read().strip()
    config = {
        "error_cb": refused,
        "security.protocol": protocol,
        "sasl.mechanism": "SCRAM-SHA-512",
        "sasl.username": os.environ["KAFKA_SASL_USERNAME"],
        "sasl.password": password,
    }
    if "KAFKA_SSL_CA_FILE" in os.environ:
        config["ssl.ca.location"] = os.environ["KAFKA_SSL_CA_FILE"]
    return config


def registry_config(registry):
    """Confluent's own keys for an authenticated HTTPS registry."""
    return {
        "schema.registry.url": registry,
        "schema.registry.basic.auth.credentials.source": "USER_INFO",
        "schema.registry.basic.auth.user.info": os.environ["REGISTRY_USER_INFO"],
        "schema.registry.ssl.ca.location": os.environ["REGISTRY_CA_FILE"],
    }


def produce(bootstrap, registry, topic, schema_file, lines_file):
    with open(schema_file, encoding="utf-8") as f:
        schema = avro.loads(f.read())
    producer = AvroProducer(
        {"bootstrap.servers": bootstrap, "enable.idempotence": True, **registry_config(registry), **security()},
        default_value_schema=schema,
    )
    with open(lines_file, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            record["periodStart"] = datetime.date.fromisoformat(record["periodStart"])
            record["revisedAt"] = datetime.datetime.fromtimestamp(record["revisedAt"] / 1000, tz=datetime.timezone.utc)
            producer.produce(topic=topic, key=None, value=record)
    if producer.flush(30) != 0:
        raise SystemExit("records still unsent after 30 s")


def consume(bootstrap, registry, topic, count):
    consumer = AvroConsumer(
        {
            "bootstrap.servers": bootstrap,
            **registry_config(registry),
            "group.id": "python-interop",
            "auto.offset.reset": "earliest",
            "isolation.level": "read_committed",
            **security(),
        }
    )
    consumer.subscribe([topic])
    seen = 0
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=60)
    while seen < count and datetime.datetime.now() < deadline:
        message = consumer.poll(1.0)
        if message is None:
            continue
        if message.error():
            raise SystemExit(str(message.error()))
        print(json.dumps(message.value(), default=as_json, sort_keys=True), flush=True)
        seen += 1
    consumer.close()
    if seen < count:
        raise SystemExit("read %d of %d records" % (seen, count))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "produce":
        produce(*args)
    elif command == "consume":
        consume(args[0], args[1], args[2], int(args[3]))
    else:
        raise SystemExit("unknown command " + command)
