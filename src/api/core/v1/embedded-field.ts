/** Embedded (inlined) Go struct fields: defined with the other field builders in schema/struct.ts. */
export { embeddedField, embedFields, PROTOBUF_EMBEDDED } from '../../schema/struct.js';
