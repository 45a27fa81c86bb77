export declare const projectRoot: string;
export declare function electronBinary(env?: NodeJS.ProcessEnv): string | undefined;
