export { EtcdStore, openEtcdStore, type EtcdStoreOptions } from './etcd-store.js';
