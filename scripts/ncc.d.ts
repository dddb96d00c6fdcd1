declare module '@vercel/ncc' {
  interface NccOptions {
    minify?: boolean
    sourceMap?: boolean
    quiet?: boolean
    target?: string
    license?: string
    transpileOnly?: boolean
    /** A folder for webpack's build cache, or false for none. */
    cache?: string | false
  }
  interface NccAsset {
    source: string | Buffer
  }
  export default function ncc(
    entry: string,
    options?: NccOptions,
  ): Promise<{ code: string; assets: Record<string, NccAsset> }>
}
