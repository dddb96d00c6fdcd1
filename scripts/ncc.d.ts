declare module '@vercel/ncc' {
  interface NccOptions {
    minify?: boolean
    sourceMap?: boolean
    quiet?: boolean
    target?: string
    license?: string
    transpileOnly?: boolean
  }
  interface NccAsset {
    source: string | Buffer
  }
  export default function ncc(
    entry: string,
    options?: NccOptions,
  ): Promise<{ code: string; assets: Record<string, NccAsset> }>
}
