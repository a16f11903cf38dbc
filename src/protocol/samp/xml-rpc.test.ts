import { describe, expect, it } from 'vitest';
import { SampFault, decodeResponse, encodeCall } from './xml-rpc';

const URL = 'http://localhost:21012/';

describe('XML-RPC for SAMP', () => {
  it('writes strings, lists and maps, escaping markup in every string', () => {
    const xml = encodeCall('samp.webhub.notifyAll', ['wk:1', { 'samp.mtype': 'table.load.votable', 'samp.params': { name: 'a<b & "c"', rows: ['1', '2'] } }]);
    expect(xml).toContain('<methodName>samp.webhub.notifyAll</methodName>');
    expect(xml).toContain('<name>name</name><value><string>a&lt;b &amp; &quot;c&quot;</string></value>');
    expect(xml).toContain('<array><data><value><string>1</string></value><value><string>2</string></value></data></array>');
    expect(xml).not.toContain('a<b');
  });

  it('reads a JSAMP answer whose strings have no type element and whose markup is indented', () => {
    const text = `<?xml version='1.0' encoding='UTF-8'?>
<methodResponse>
  <params>
    <param>
      <value>
        <struct>
          <member>
            <name>samp.self-id</name>
            <value>c1</value>
          </member>
          <member><name>list</name><value><array><data><value>a</value><value><string> b </string></value></data></array></value></member>
        </struct>
      </value>
    </param>
  </params>
</methodResponse>`;
    expect(decodeResponse(text, URL)).toEqual({ 'samp.self-id': 'c1', list: ['a', ' b '] });
  });

  it('turns a fault into a SampFault carrying the hub’s reason', () => {
    const text = `<methodResponse><fault><value><struct>
      <member><name>faultCode</name><value><int>1</int></value></member>
      <member><name>faultString</name><value>org.astrogrid.samp.client.SampException: Client is not callable</value></member>
    </struct></value></fault></methodResponse>`;
    expect(() => decodeResponse(text, URL)).toThrow(SampFault);
    expect(() => decodeResponse(text, URL)).toThrow(/Client is not callable/);
  });

  it('refuses a DOCTYPE with entities instead of expanding them', () => {
    const text = '<!DOCTYPE x [<!ENTITY a "aaaa">]><methodResponse><params><param><value>&a;</value></param></params></methodResponse>';
    expect(() => decodeResponse(text, URL)).toThrow(/DOCTYPE/);
  });

  it('reads an empty answer (a void method) as an empty string', () => {
    expect(decodeResponse('<methodResponse><params/></methodResponse>', URL)).toBe('');
  });
});
