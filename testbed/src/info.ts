/** One subscriber provisioned on the testbed. */
export interface TestbedUser {
  readonly username: string;
  readonly password: string;
  /** `sip:<username>@<domain>` */
  readonly aor: string;
}

/** Everything a client needs to reach a running testbed. Written to `<runDir>/testbed.json` by `testbed/start`. */
export interface TestbedInfo {
  /** SIP domain and XCAP realm, e.g. `simplekit.test`; it resolves nowhere, clients connect to `host`. */
  readonly domain: string;
  /** Always `127.0.0.1`. */
  readonly host: string;
  readonly sip: {
    readonly tcpPort: number;
    readonly tlsPort: number;
  };
  readonly xcap: {
    /** XCAP root URI, e.g. `http://127.0.0.1:5071/xcap-root`. */
    readonly root: string;
    readonly port: number;
  };
  /** PEM file of the CA that signed the server certificate (subject alt names: the domain and 127.0.0.1). */
  readonly caFile: string;
  readonly caPem: string;
  readonly users: readonly TestbedUser[];
  /** Kamailio's main process id. */
  readonly pid: number;
  /** Folder holding the generated config, databases, logs and certificates of this instance. */
  readonly runDir: string;
  /** Digest algorithm the server challenges with. */
  readonly digestAlgorithm: 'MD5' | 'SHA-256';
  /** The instance's private MariaDB server (TCP on 127.0.0.1), which holds every Kamailio table. */
  readonly database?: {
    readonly pid: number;
    readonly port: number;
  };
}
