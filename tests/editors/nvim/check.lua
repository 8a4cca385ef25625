-- Run with -c after the init: waits for wasmvet's diagnostic in the opened Go buffer, runs
-- :WasmvetExplain on it, and writes what it saw to $WASMVET_NVIM_OUT as JSON.
local result = { version = tostring(vim.version().major) .. "." .. tostring(vim.version().minor) }

local function finish()
  local f = io.open(os.getenv("WASMVET_NVIM_OUT"), "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qa!")
end

vim.defer_fn(function()
  local ok, err = pcall(function()
    local buf = vim.api.nvim_get_current_buf()
    vim.wait(tonumber(os.getenv("WASMVET_NVIM_WAIT") or "30000"), function()
      return #vim.diagnostic.get(buf) > 0
    end, 100)
    result.diagnostics = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(result.diagnostics, { code = d.code, lnum = d.lnum, col = d.col, source = d.source })
    end
    result.clients = {}
    local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
    for _, c in pairs(clients) do
      table.insert(result.clients, {
        name = c.name,
        cmd = c.config.cmd,
        root = c.config.root_dir,
        init_options = c.config.init_options,
      })
    end
    result.messages = vim.fn.execute("messages")
    if #result.diagnostics == 0 or vim.fn.exists(":WasmvetExplain") ~= 2 then
      return
    end
    local d = vim.diagnostic.get(buf)[1]
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col + 2 })
    vim.cmd("WasmvetExplain")
    local doc = vim.api.nvim_get_current_buf()
    result.explain = {
      first = vim.api.nvim_buf_get_lines(doc, 0, 1, false)[1],
      filetype = vim.bo[doc].filetype,
      modifiable = vim.bo[doc].modifiable,
    }
  end)
  if not ok then
    result.error = tostring(err)
  end
  finish()
end, 100)
