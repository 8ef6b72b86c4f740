// Confluent's npm Schema Registry client against the hub's registry, driven by ConfluentClientsInteropIT.
// The registry is HTTPS with HTTP basic users: the CA file and user:password come from the environment
// (REGISTRY_CA_FILE, REGISTRY_USER_INFO), not the command line.
//   node interop.js encode <registryUrl> <subject> <schemaFile> <jsonFile>  -> prints the framed bytes as hex
//   node interop.js decode <registryUrl> <hex>                              -> prints the record as JSON
const fs = require('fs');
const https = require('https');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

async function main() {
  const [command, host, ...rest] = process.argv.slice(2);
  const userInfo = process.env.REGISTRY_USER_INFO;
  const colon = userInfo.indexOf(':');
  const registry = new SchemaRegistry({
    host,
    auth: { username: userInfo.slice(0, colon), password: userInfo.slice(colon + 1) },
    agent: new https.Agent({ ca: fs.readFileSync(process.env.REGISTRY_CA_FILE) }),
  });
  if (command === 'encode') {
    const [subject, schemaFile, jsonFile] = rest;
    const schema = fs.readFileSync(schemaFile, 'utf8');
    const { id } = await registry.register({ type: SchemaType.AVRO, schema }, { subject });
    const payload = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    const encoded = await registry.encode(id, payload);
    process.stdout.write(Buffer.from(encoded).toString('hex') + '\n');
  } else if (command === 'decode') {
    const decoded = await registry.decode(Buffer.from(rest[0], 'hex'));
    process.stdout.write(JSON.stringify(decoded) + '\n');
  } else {
    throw new Error('unknown command ' + command);
  }
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
