-- ccforge's language server in Neovim 0.11 or later: put this file in ~/.config/nvim/lsp/ccforge.lua
-- (or paste the call into init.lua), then `vim.lsp.enable('ccforge')` in init.lua.
vim.lsp.config('ccforge', {
  cmd = { 'ccforge', 'lsp' },
  filetypes = { 'json', 'jsonc', 'yaml' },
  root_markers = { 'ccforge.toml', 'apiProperties.json', '.git' },
})
