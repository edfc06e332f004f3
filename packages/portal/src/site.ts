import { createContext, useContext } from 'hono/jsx'

/** An organ's contact data, as config `organs[]` holds it (CONTRACTS.md). */
export interface OrganContact {
  id: string
  name: string
  kind?: 'department' | 'government'
  address?: string
  officeHours?: string
  phone?: string
  email?: string
}

/**
 * The site's identity (config `site`, CONTRACTS.md), with the organ resolved from `organs[]`: the
 * government's name in the header, the organ's contact data and the filing numbers in the footer.
 * Every part is optional; a page leaves out what is not configured rather than invent it.
 */
export interface SiteIdentity {
  /** The government the site belongs to, e.g. 上海市长宁区人民政府. */
  governmentName?: string
  /** The organ whose contact data the footer and the 指南 show. */
  organ?: OrganContact
  /** 政府网站标识码. */
  websiteCode?: string
  /** ICP 备案号. */
  icp?: string
  /** 公安机关备案号. */
  psb?: string
}

/** The 公开专栏 texts (config `xxgk`): Markdown; each is generated where absent. */
export interface XxgkTexts {
  guide?: string
  rules?: string
  proactive?: string
}

const SiteContext = createContext<SiteIdentity>({})

/** Renders `children` with the site identity that {@link useSite} reads (the layout's header and footer). */
export const SiteProvider = SiteContext.Provider

/** The site identity of the page being rendered ({} outside a {@link SiteProvider}). */
export function useSite(): SiteIdentity {
  return useContext(SiteContext)
}

/** The site's name: the government's, else the neutral 政务公开. */
export function siteName(site: SiteIdentity): string {
  return site.governmentName ?? '政务公开'
}

/** The 公安备案号's digits, which the 全国互联网安全管理服务平台 record page takes as `recordcode`. */
export function psbCode(psb: string): string | undefined {
  return /(\d{10,})/.exec(psb)?.[1]
}
