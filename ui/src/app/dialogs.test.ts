import { beforeEach, describe, expect, it, vi } from 'vitest'

const plugin = vi.hoisted(() => ({ open: vi.fn(), save: vi.fn() }))
vi.mock('@tauri-apps/plugin-dialog', () => plugin)

import {
  FILTERS,
  defaultPath,
  folderOf,
  formatOfPath,
  lastFolder,
  pickFile,
  pickSaveFile,
  rememberFolder,
  withExtension,
  fileName,
  type FolderStore,
} from './dialogs'

function memory(): FolderStore & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) }
}

describe('folderOf', () => {
  it('takes the folder of a Linux or a Windows path', () => {
    expect(folderOf('/home/user/名册/第一届.xlsx')).toBe('/home/user/名册')
    expect(folderOf('/名册.xlsx')).toBe('/')
    expect(folderOf('D:\\U盘\\备份\\会务.db')).toBe('D:\\U盘\\备份')
    expect(folderOf('C:\\名册.xlsx')).toBe('C:\\')
    expect(folderOf('名册.xlsx')).toBeNull()
  })
})

describe('the format of a chosen file', () => {
  it('follows the extension the user chose, whatever its case', () => {
    expect(formatOfPath('/home/u/意见清单.DOCX', ['pdf', 'docx', 'xlsx'] as const, 'pdf')).toBe('docx')
    expect(formatOfPath('D:\\导出\\意见.xlsx', ['pdf', 'docx', 'xlsx'] as const, 'pdf')).toBe('xlsx')
  })
  it('falls back when the name has no extension we write, or the dot is in a folder name', () => {
    expect(formatOfPath('/home/u/意见清单', ['pdf', 'docx'] as const, 'pdf')).toBe('pdf')
    expect(formatOfPath('/home/u/2021.01/意见清单', ['pdf', 'docx'] as const, 'docx')).toBe('docx')
    expect(formatOfPath('/home/u/意见.txt', ['pdf', 'docx'] as const, 'pdf')).toBe('pdf')
    expect(formatOfPath('/home/u/.pdf', ['pdf', 'docx'] as const, 'docx')).toBe('docx')
  })
  it('proposes names without the characters file systems refuse', () => {
    expect(fileName('第一组/第二组：讨论?.pdf')).toBe('第一组_第二组：讨论_.pdf')
  })
  it('adds the extension only when it is missing', () => {
    expect(withExtension('/u/2021.01.22 纪要', 'pdf')).toBe('/u/2021.01.22 纪要.pdf')
    expect(withExtension('/u/纪要.PDF', 'pdf')).toBe('/u/纪要.PDF')
  })
})

describe('defaultPath', () => {
  it('puts the proposed name in the remembered folder', () => {
    expect(defaultPath('/media/user/U盘', '会务-备份.db')).toBe('/media/user/U盘/会务-备份.db')
    expect(defaultPath('/', '会务.db')).toBe('/会务.db')
    expect(defaultPath('E:\\备份', '会务.db')).toBe('E:\\备份\\会务.db')
    expect(defaultPath('C:\\', '会务.db')).toBe('C:\\会务.db')
  })
  it('is the folder alone for an open dialog, the name alone when no folder is known', () => {
    expect(defaultPath('/home/user/名册')).toBe('/home/user/名册')
    expect(defaultPath(null, '纪要.pdf')).toBe('纪要.pdf')
    expect(defaultPath(null)).toBeUndefined()
  })
})

describe('remembering the folder per kind', () => {
  it('keeps one folder for each kind, the latest winning', () => {
    const s = memory()
    expect(lastFolder('roster', s)).toBeNull()
    rememberFolder('roster', '/home/user/名册/一.xlsx', s)
    rememberFolder('backup', '/media/user/U盘/会务.db', s)
    rememberFolder('roster', '/home/user/下载/二.csv', s)
    rememberFolder('roster-export', '/home/user/文档/委员名册-2021-01-22.xlsx', s)
    expect(lastFolder('roster', s)).toBe('/home/user/下载')
    expect(lastFolder('roster-export', s)).toBe('/home/user/文档')
    expect(lastFolder('backup', s)).toBe('/media/user/U盘')
    expect(lastFolder('font', s)).toBeNull()
  })
  it('survives a damaged entry and a bare name', () => {
    const s = memory()
    s.setItem('huiwu.dialogs.folders', '{not json')
    expect(lastFolder('roster', s)).toBeNull()
    rememberFolder('roster', '名册.xlsx', s)
    expect(lastFolder('roster', s)).toBeNull()
    rememberFolder('roster', '/tmp/名册.xlsx', s)
    expect(lastFolder('roster', s)).toBe('/tmp')
  })
})

describe('pickFile and pickSaveFile', () => {
  beforeEach(() => {
    localStorage.clear()
    plugin.open.mockReset()
    plugin.save.mockReset()
  })
  it('open in the last folder of the kind, with the Chinese title, and remember the choice', async () => {
    plugin.open.mockResolvedValueOnce('/home/user/名册/第一届.xlsx')
    expect(await pickFile('roster', FILTERS.roster)).toBe('/home/user/名册/第一届.xlsx')
    expect(plugin.open.mock.calls[0][0]).toMatchObject({ title: '选择名册文件', defaultPath: undefined, multiple: false })
    plugin.open.mockResolvedValueOnce(null)
    expect(await pickFile('roster', FILTERS.roster)).toBeNull()
    expect(plugin.open.mock.calls[1][0]).toMatchObject({ defaultPath: '/home/user/名册' })

    plugin.save.mockResolvedValueOnce('/media/user/U盘/会务.db')
    expect(await pickSaveFile('backup', '会务-备份.db', FILTERS.backup)).toBe('/media/user/U盘/会务.db')
    expect(plugin.save.mock.calls[0][0]).toMatchObject({ title: '备份到…', defaultPath: '会务-备份.db' })
    plugin.save.mockResolvedValueOnce(null)
    expect(await pickSaveFile('backup', '会务-备份2.db')).toBeNull()
    expect(plugin.save.mock.calls[1][0]).toMatchObject({ defaultPath: '/media/user/U盘/会务-备份2.db' })
  })
})
